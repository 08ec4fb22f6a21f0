"""Open Badges 3.0 credentials for completions, with openbadgeslib.

A completion is issued as a VC-JWT (an OpenBadgeCredential signed with the site's
Ed25519 key) that names a W3C Bitstring Status List entry; the list is published at
/certificates/status-list/ and signed with the same key, so a revoked completion
fails verification everywhere, here (verify()) and in any other OB 3.0 verifier.
"""

import uuid
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from openbadgeslib.ob3 import (
    Achievement,
    Issuer,
    OB3Signer,
    OB3Verifier,
    OpenBadgeCredential,
    build_status_list_credential,
    sign_status_list_credential,
    status_entry,
)
from openbadgeslib.ob3.verifier import OB3VerificationError

from .models import Completion, CredentialKey

ALGORITHM = "EdDSA"
PURPOSE = "revocation"

__all__ = ["OB3VerificationError", "credential_for", "public_pem", "status_list_jwt", "verify"]


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


@transaction.atomic
def _private_pem() -> bytes:
    configured = getattr(settings, "SAMSPILL_BADGE_KEY_FILE", "")
    if configured:
        return Path(configured).read_bytes()
    key = CredentialKey.objects.select_for_update().order_by("pk").first()
    if key is None:
        private = ed25519.Ed25519PrivateKey.generate()
        pem = private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        key = CredentialKey.objects.create(private_pem=pem)
    return key.private_pem.encode()


def public_pem() -> bytes:
    private = serialization.load_pem_private_key(_private_pem(), password=None)
    return private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def issuer_id() -> str:
    return _absolute(reverse("courses:issuer_key"))


def status_list_url() -> str:
    return _absolute(reverse("courses:status_list"))


def credential_for(completion: Completion) -> str:
    """The signed OB 3.0 credential (compact JWT) for a completion."""
    page_url = _absolute(reverse("courses:completion", args=[completion.token]))
    course_url = (
        _absolute(completion.course.url)
        if completion.course and completion.course.url
        else page_url
    )
    credential = OpenBadgeCredential(
        issuer=Issuer(id=issuer_id(), name=completion.issuer_name, url=settings.SITE_URL),
        # A pseudonymous subject: the page (not an e-mail address) tells who it is.
        recipient_id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, page_url)}",
        achievement=Achievement(
            id=course_url,
            name=completion.course_title,
            description=f"{completion.course_title} ({completion.hours} h)",
            criteria_narrative="All required lessons done, self-checks passed.",
        ),
        id=page_url,
        name=f"{completion.course_title}: {completion.learner_name}",
        issuance_date=completion.issued_at,
        evidence_url=page_url,
        credential_status=[status_entry(status_list_url(), PURPOSE, completion.pk)],
    )
    return OB3Signer(privkey_pem=_private_pem(), algorithm=ALGORITHM).sign(credential)


def status_list_jwt() -> str:
    revoked = Completion.objects.filter(revoked_at__isnull=False).values_list("pk", flat=True)
    document = build_status_list_credential(issuer_id(), status_list_url(), PURPOSE, list(revoked))
    return sign_status_list_credential(document, _private_pem(), ALGORITHM)


def verify(token: str) -> OpenBadgeCredential:
    """Verify signature and revocation status (raises OB3VerificationError)."""
    listing = status_list_jwt().encode()
    verifier = OB3Verifier(pubkey_pem=public_pem())
    return verifier.verify(token, check_status=True, download=lambda url: listing)
