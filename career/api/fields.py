"""Input fields of the career API: text as text (NUL and control characters refused
with a message, as every form refuses them), lists of text, whole numbers as
numbers."""

from rest_framework import serializers

from core import api_fields as text


def line(**kwargs):
    return text.CharField(required=False, allow_blank=True, **kwargs)


def texts(**kwargs):
    return serializers.ListField(
        child=text.CharField(max_length=500), required=False, max_length=100, **kwargs
    )


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"not_number": "Give a whole number, without quotes."}

    def to_internal_value(self, data):
        if not isinstance(data, int) or isinstance(data, bool):
            self.fail("not_number")
        return super().to_internal_value(data)


def merged(serializer_class, request, current: dict, *, partial: bool) -> dict:
    """The request's fields checked; for PATCH, laid over what is stored."""
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return (
        {**current, **serializer.validated_data}
        if partial
        else {
            **{
                key: value
                for key, value in current.items()
                if key not in serializer.fields
            },
            **serializer.validated_data,
        }
    )
