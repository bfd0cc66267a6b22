"""API fields that take text as text: DRF's own turn a number into a string, so
`{"name": 42}` would pass for a name; the schema says string, and so do these."""

from rest_framework import serializers

from core.validators import validate_one_line, validate_text


class _TextOnly:
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class CharField(_TextOnly, serializers.CharField):
    default_error_messages = {"not_text": "Give text here, in quotes."}

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # NUL and other control characters: refused, as every form refuses them
        # (a one-line field's own check already covers them, with its message).
        if validate_one_line not in self.validators:
            self.validators.append(validate_text)


class SlugField(_TextOnly, serializers.SlugField):
    default_error_messages = {"not_text": "Give text here, in quotes."}


class EmailField(_TextOnly, serializers.EmailField):
    default_error_messages = {"not_text": "Give an e-mail address, in quotes."}
