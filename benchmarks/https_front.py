"""HTTPS and HTTP/2 in front of gunicorn, as docs/deploy.md runs production: nginx ends TLS, speaks
HTTP/2 to the phone and keeps its own connections to the app server alive.

A phone never meets Selfcare over plain HTTP/1.1: the weak phone is measured this way too (beside
the plain figures), so its taps carry the request headers that HTTP/2 compresses (HPACK), not the
~900 bytes that HTTP/1.1 sends again with every tap on a 750 kbit/s uplink.

The certificate is a throwaway one for 127.0.0.1, made here with `cryptography`; Chromium is told
to accept that one key only (`--ignore-certificate-errors-spki-list`), not every certificate.
"""

import base64
import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from ipaddress import IPv4Address
from pathlib import Path
from tempfile import TemporaryDirectory

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from benchmarks.ports import wait_for_port

# The proxy part of docs/deploy.md's nginx example (its `http2 on;` is nginx ≥ 1.25; Debian 12 has 1.22).
# Host is `$http_host`, with the port, not `$host`: the bench's site is 127.0.0.1:<port>, and
# Django's CSRF check compares the browser's Origin with it (production's 443 needs no port).
CONFIG = """\
worker_processes 1;
pid "{prefix}/nginx.pid";
error_log "{prefix}/error.log" warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path "{prefix}/body";
    proxy_temp_path "{prefix}/proxy";
    fastcgi_temp_path "{prefix}/fastcgi";
    uwsgi_temp_path "{prefix}/uwsgi";
    scgi_temp_path "{prefix}/scgi";
    upstream selfcare {{
        server 127.0.0.1:{app_port};
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port} ssl http2;
        ssl_certificate "{prefix}/cert.pem";
        ssl_certificate_key "{prefix}/key.pem";
        keepalive_timeout 75s;
        location / {{
            proxy_pass http://selfcare;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""


NO_NGINX = "make bench needs nginx for the weak phone over HTTPS: sudo apt-get install nginx-light"


def nginx() -> str | None:
    return shutil.which("nginx", path=f"{os.environ.get('PATH', '')}{os.pathsep}/usr/sbin")


def certificate(folder: Path) -> str:
    """A key (readable by its owner only) and a self-signed certificate for 127.0.0.1 in `folder`; answers the key's SPKI hash."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(IPv4Address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with os.fdopen(os.open(folder / "key.pem", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as file:
        file.write(private)
    return spki_hash(cert)


def spki_hash(cert: x509.Certificate) -> str:
    spki = cert.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode()


@contextmanager
def https_front(port: int, app_port: int) -> Iterator[str]:
    """nginx on `port` (HTTPS, HTTP/2) in front of the app server on `app_port`, for as long as the
    block runs; yields its certificate's SPKI hash. Key, certificate and nginx's files live in a
    temporary folder that goes with it."""
    binary = nginx()
    if binary is None:
        raise SystemExit(NO_NGINX)
    with TemporaryDirectory(prefix="selfcare-bench-nginx-") as name:
        folder = Path(name)
        folder.chmod(0o755)  # nginx's workers (nobody, when it starts as root) write their temporary files below
        spki = certificate(folder)
        (folder / "nginx.conf").write_text(CONFIG.format(prefix=folder, port=port, app_port=app_port))
        # -e: its log from the start (before the configuration is read), in the folder, not /var/log.
        command = [binary, "-p", folder, "-c", folder / "nginx.conf", "-e", folder / "error.log", "-g", "daemon off;"]
        server = subprocess.Popen([str(part) for part in command], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            try:
                wait_for_port(port, server)
            except RuntimeError as error:
                raise SystemExit(f"nginx did not start: {error}\n{(folder / 'error.log').read_text()}") from error
            yield spki
        finally:
            server.terminate()
            server.wait(timeout=30)
