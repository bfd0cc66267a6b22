"""How the OpenAPI schema is built: one place that says what every operation may
answer besides success, so the schema is the contract clients can rely on."""

import uritemplate
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

ERROR_BODY = {
    "type": "object",
    "description": "Why the request was refused. `detail` says it in words; a refused "
    "field is named in `field`, or, for the fields of a body, each field maps to "
    "its messages.",
    "properties": {
        "detail": {"type": "string"},
        "field": {"type": "string"},
    },
    "additionalProperties": True,
}


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": ERROR_BODY}},
    }


class AutoSchema(SpectacularAutoSchema):
    """Names nested serializers after their API class (`MeApi.OutputSerializer` becomes
    `MeOutput`), so that the HackSoft habit of one Input and one Output serializer per
    API class does not make every component "Output"; and documents the errors every
    operation can answer."""

    def get_serializer_name(self, serializer, direction) -> str:
        name = super().get_serializer_name(serializer, direction)
        cls = serializer if isinstance(serializer, type) else type(serializer)
        outer = cls.__qualname__.split(".")[:-1]
        if not outer:
            return name
        return "".join(part.removesuffix("Api") for part in outer) + name

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = {
            "400": _error(
                "Refused: a parameter or field is missing or wrong, or a rule of "
                "the service says no (the answer says which)."
            ),
            "401": _error("Not signed in: send a session cookie or a token."),
            "403": _error("Signed in, but not allowed to do this."),
            "429": _error("Too many requests, or too many failed log-ins: wait."),
        }
        if uritemplate.variables(self.path):
            errors["404"] = _error("No such thing, or not one of yours.")
        elif self._get_paginator() is not None:
            errors["404"] = _error("No such page: the list is shorter.")
        for code, response in errors.items():
            responses.setdefault(code, response)
        return responses
