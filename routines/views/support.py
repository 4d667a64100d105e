"""Get help: crisis lines for the person's country first, and "My support", kept on a good day for a hard one."""

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from .. import support
from ..forms import SupportContactForm, SupportItemForm
from ..helplines import DIRECTORY_NAME, DIRECTORY_URL, EUROPEAN_UNION, HELPLINES, UNITED_STATES, country_names, helplines_for
from ..models import SupportContact, SupportItem
from .common import render_page

TEMPLATE = "routines/help.html"


@dataclass
class SupportList:
    kind: str
    title: str
    items: list[SupportItem]
    form: forms.Form


def helplines_context(country: str) -> dict[str, Any]:
    """The person's own lines first; the US lines and every other country in the table below."""
    first = helplines_for(country)
    shown = {first.code if first else "", "US"}
    others = [h for h in (*HELPLINES.values(), EUROPEAN_UNION) if h.code not in shown]
    return {
        "country_name": country_names().get(country, ""),
        "first": first,
        "own_crisis_line": country in HELPLINES,
        "united_states": None if country == "US" else UNITED_STATES,
        "other_countries": others,
        "directory_url": DIRECTORY_URL,
        "directory_name": DIRECTORY_NAME,
    }


def support_context(request: HttpRequest, **forms_given: Any) -> dict[str, Any]:
    """The person's lists (two queries), the add forms, and the one entry being edited, if any."""
    user = request.user
    contacts = list(user.support_contacts.all())
    items = list(user.support_items.all())
    lists = [
        SupportList(
            kind,
            label,
            [item for item in items if item.kind == kind],
            forms_given.get(f"{kind}_form") or SupportItemForm(auto_id=f"new-{kind}_%s"),
        )
        for kind, label in SupportItem.Kind.choices
    ]
    return {
        "contacts": contacts,
        "contact_form": forms_given.get("contact_form") or SupportContactForm(auto_id="new-contact_%s"),
        "support_lists": lists,
        "support_empty": not contacts and not items,
        "support_limit": support.LIMIT,
        "editing": forms_given.get("editing"),
        "edit_form": forms_given.get("edit_form"),
    }


def help_context(request: HttpRequest, **forms_given: Any) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return helplines_context("")
    return {**helplines_context(request.user.country), **support_context(request, **forms_given)}


def help_page(request: HttpRequest, status: int = 200, **forms_given: Any) -> HttpResponse:
    """The Get help page, or only its My support section for htmx."""
    return render_page(request, TEMPLATE, help_context(request, **forms_given), "my-support", status=status)


def done(request: HttpRequest) -> HttpResponse:
    """After a change: the section again for htmx, or back to it on the page."""
    if request.htmx:
        return help_page(request)
    return redirect(reverse("help") + "#my-support")


def get_contact(request: HttpRequest, pk: int) -> SupportContact:
    return get_object_or_404(SupportContact, pk=pk, owner=request.user)


def get_item(request: HttpRequest, pk: int) -> SupportItem:
    return get_object_or_404(SupportItem, pk=pk, owner=request.user)


def add(request: HttpRequest, form: SupportContactForm | SupportItemForm, name: str) -> HttpResponse:
    if form.is_valid():
        try:
            support.add(form.save(commit=False))
        except support.ListFull:
            form.add_error(None, f"This list keeps up to {support.LIMIT}. Edit or remove one to make room.")
        else:
            return done(request)
    return help_page(request, status=400, **{name: form})


def edit(request: HttpRequest, form: SupportContactForm | SupportItemForm, entry: SupportContact | SupportItem) -> HttpResponse:
    """In place with htmx (the entry becomes its form), or the page with the form in place without."""
    if request.method == "POST":
        if form.is_valid():
            support.change(form.save(commit=False), list(form.Meta.fields))
            return done(request)
        return help_page(request, status=400, editing=entry, edit_form=form)
    return help_page(request, editing=entry, edit_form=form)


@login_required
@require_POST
def contact_add(request: HttpRequest) -> HttpResponse:
    form = SupportContactForm(request.POST, instance=SupportContact(owner=request.user), auto_id="new-contact_%s")
    return add(request, form, "contact_form")


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_contact(request, pk)
    return edit(request, SupportContactForm(request.POST or None, instance=contact, auto_id=f"contact{pk}_%s"), contact)


@login_required
@require_POST
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    support.remove(get_contact(request, pk))
    return done(request)


@login_required
@require_POST
def item_add(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in SupportItem.Kind.values:
        raise Http404
    form = SupportItemForm(request.POST, instance=SupportItem(owner=request.user, kind=kind), auto_id=f"new-{kind}_%s")
    return add(request, form, f"{kind}_form")


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_item(request, pk)
    return edit(request, SupportItemForm(request.POST or None, instance=item, auto_id=f"item{pk}_%s"), item)


@login_required
@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    support.remove(get_item(request, pk))
    return done(request)
