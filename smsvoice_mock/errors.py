"""The service's modeled errors, raised by handlers and returned on the wire as JSON 1.0 error bodies.

Class names are the model's error shape names and the modeled members are keyword-only arguments, so
``ConflictException("…", reason="DELETION_PROTECTION_ENABLED", resource_type="phone-number",
resource_id=pid)`` reaches a boto3 caller as ``client.exceptions.ConflictException`` with
``e.response["Reason"] == "DELETION_PROTECTION_ENABLED"``.
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "AccessDeniedException",
    "ConflictException",
    "InternalServerException",
    "ResourceNotFoundException",
    "ServiceError",
    "ServiceQuotaExceededException",
    "ThrottlingException",
    "ValidationException",
]


class ServiceError(Exception):
    """Base of every error the mock answers with. ``members`` are the modeled fields besides Message."""

    status_code: ClassVar[int] = 400

    def __init__(self, message: str = "", **members: Any) -> None:
        super().__init__(message)
        self.message = message
        self.members = {k: v for k, v in members.items() if v is not None}

    @property
    def code(self) -> str:
        return type(self).__name__

    def body(self) -> dict[str, Any]:
        return {"__type": self.code, "Message": self.message, **self.members}

    def __repr__(self) -> str:
        extra = "".join(f", {k}={v!r}" for k, v in self.members.items())
        return f"{self.code}({self.message!r}{extra})"


class ValidationException(ServiceError):
    def __init__(
        self,
        message: str = "",
        *,
        reason: str | None = None,
        fields: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(message, Reason=reason, Fields=fields)


class ConflictException(ServiceError):
    def __init__(
        self,
        message: str = "",
        *,
        reason: str | None = None,
        resource_type: str | None = None,
        resource_id: str | None = None,
    ) -> None:
        super().__init__(message, Reason=reason, ResourceType=resource_type, ResourceId=resource_id)


class ResourceNotFoundException(ServiceError):
    def __init__(
        self,
        message: str = "",
        *,
        resource_type: str | None = None,
        resource_id: str | None = None,
    ) -> None:
        super().__init__(message, ResourceType=resource_type, ResourceId=resource_id)


class ServiceQuotaExceededException(ServiceError):
    def __init__(self, message: str = "", *, reason: str | None = None) -> None:
        super().__init__(message, Reason=reason)


class AccessDeniedException(ServiceError):
    def __init__(self, message: str = "", *, reason: str | None = None) -> None:
        super().__init__(message, Reason=reason)


class ThrottlingException(ServiceError):
    def __init__(self, message: str = "Rate exceeded.") -> None:
        super().__init__(message)


class InternalServerException(ServiceError):
    status_code: ClassVar[int] = 500

    def __init__(
        self, message: str = "Internal server error.", *, request_id: str | None = None
    ) -> None:
        super().__init__(message, RequestId=request_id)


class NotImplementedOperation(ServiceError):
    """An operation of the model that the mock does not emulate yet (HTTP 501, never retried)."""

    status_code: ClassVar[int] = 501

    @property
    def code(self) -> str:
        return "NotImplemented"


def not_found(resource_type: str, resource_id: str) -> ResourceNotFoundException:
    return ResourceNotFoundException(
        f"The {resource_type} {resource_id!r} doesn't exist.",
        resource_type=resource_type,
        resource_id=resource_id,
    )


def already_exists(resource_type: str, resource_id: str, message: str) -> ConflictException:
    """ConflictException RESOURCE_ALREADY_EXISTS for a name or resource the account already has."""
    return ConflictException(
        message,
        reason="RESOURCE_ALREADY_EXISTS",
        resource_type=resource_type,
        resource_id=resource_id,
    )


def check_quota(count: int, limit: int, reason: str, message: str) -> None:
    """ServiceQuotaExceededException ``reason`` when ``count`` resources already reach ``limit``."""
    if count >= limit:
        raise ServiceQuotaExceededException(message, reason=reason)


def invalid(reason: str, name: str, message: str) -> ValidationException:
    """A ValidationException about one request member, with its ``Fields`` entry."""
    return ValidationException(message, reason=reason, fields=[{"Name": name, "Message": message}])
