"""Your data: download it all, bring a file in (upload, preview, confirm), or leave Selfcare."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from .. import accounts, exporting
from ..days import user_today
from ..forms import DeleteAccountForm, ImportConfirmForm, ImportForm
from ..importing import apply, pending
from ..importing.detect import read_upload
from ..importing.plan import UnreadableFile
from ..models import PendingImport


@login_required
@require_GET
def data_export(request: HttpRequest) -> StreamingHttpResponse:
    response = StreamingHttpResponse(exporting.export_zip(request.user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{exporting.file_name(user_today(request.user))}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            read_upload(upload.name, data)  # read once now: a bad file is never kept
        except UnreadableFile as error:
            form.add_error("file", str(error))
        else:
            return redirect("import_preview", pending.keep(request.user, upload.name, data).pk)
    return render(request, "routines/import.html", {"form": form}, status=400 if form.errors else 200)


def _pending(request: HttpRequest, pk: int) -> PendingImport:
    pending.clean_up()  # nobody's upload waits longer than an hour, even when no one uploads again
    return get_object_or_404(PendingImport, pk=pk, owner=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    waiting = _pending(request, pk)
    try:
        plan = pending.plan_of(waiting)
    except UnreadableFile as error:  # a newer Selfcare or parser may read it differently; say so, keep nothing
        waiting.delete()
        messages.info(request, str(error))
        return redirect("import_upload")
    form = ImportConfirmForm(request.POST if request.method == "POST" else None, preview=apply.preview(request.user, plan))
    if request.method == "POST" and form.is_valid():
        use_settings = form.cleaned_data.get("use_settings", False)
        try:
            # The waiting file goes in the same transaction: a double tap on Import imports once.
            with transaction.atomic():
                if not PendingImport.objects.select_for_update().filter(pk=waiting.pk).exists():
                    messages.info(request, "That file has already been imported.")
                    return redirect("history")
                done = apply.apply(request.user, plan, form.merge(), use_settings=use_settings)
                waiting.delete()
        except UnreadableFile as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _imported_words(done))
            for note in done.notes:
                messages.info(request, note)
            return redirect("history")
    status = 400 if form.errors else 200
    return render(request, "routines/import_preview.html", {"form": form, "preview": form.preview, "pending": waiting}, status=status)


def _imported_words(done: apply.Imported) -> str:
    parts = [f"{done.new_habits} new habit{'s' if done.new_habits != 1 else ''}"]
    if done.merged_habits:
        parts.append(f"{done.merged_habits} merged")
    parts.append(f"{done.records} day{'s' if done.records != 1 else ''} of records")
    parts.append(f"{done.entries} journal day{'s' if done.entries != 1 else ''}")
    return "Imported: " + ", ".join(parts) + "."


@login_required
@require_POST
def import_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    _pending(request, pk).delete()
    messages.info(request, "Nothing was imported; the file is gone.")
    return redirect("settings")


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, request=request)
    if request.method == "POST" and form.is_valid():
        accounts.delete_account(request.user)
        logout(request)
        messages.info(request, "Your account and everything in it are deleted. Take care.")
        return redirect("landing")
    return render(request, "routines/account_delete.html", {"form": form}, status=400 if form.errors else 200)
