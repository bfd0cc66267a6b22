from django.contrib import admin

from notifications.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ["kind", "to", "subject", "due_at", "sent_at", "failed_at"]
    list_filter = [
        ("sent_at", admin.EmptyFieldListFilter),
        ("dropped_at", admin.EmptyFieldListFilter),
        "kind",
    ]
    search_fields = ["to", "subject", "topic"]
    date_hierarchy = "due_at"
    raw_id_fields = ["user"]

    # The rows are the record of what was sent: read them, never edit them.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
