"""API fields that take text as text: DRF's own turn a number into a string, so
`{"name": 42}` would pass for a name; the schema says string, and so do these."""

from rest_framework import serializers


class _TextOnly:
    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class CharField(_TextOnly, serializers.CharField):
    default_error_messages = {"not_text": "Give text here, in quotes."}


class SlugField(_TextOnly, serializers.SlugField):
    default_error_messages = {"not_text": "Give text here, in quotes."}


class EmailField(_TextOnly, serializers.EmailField):
    default_error_messages = {"not_text": "Give an e-mail address, in quotes."}
