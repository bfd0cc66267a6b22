from django.contrib import admin

from interviews.models import (
    AvailabilitySlot,
    Format,
    Invitation,
    MockSession,
    Participant,
    Round,
    Segment,
)


class SegmentInline(admin.TabularInline):
    model = Segment
    extra = 1
    ordering = ["order"]


@admin.register(Format)
class FormatAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "owner", "is_loop", "total_minutes"]
    list_filter = ["is_loop", ("owner", admin.EmptyFieldListFilter)]
    search_fields = ["name", "slug", "owner__email"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SegmentInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("segments")


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ["user"]


class RoundInline(admin.TabularInline):
    model = Round
    extra = 0
    raw_id_fields = ["interviewer", "candidate"]


@admin.register(MockSession)
class MockSessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "host", "status", "swap", "starts_at", "sequence"]
    list_filter = ["status", "swap", "format"]
    search_fields = ["host__email", "participants__email"]
    date_hierarchy = "starts_at"
    raw_id_fields = ["host", "cancelled_by"]
    readonly_fields = ["uid", "sequence", "ends_at"]
    inlines = [ParticipantInline, RoundInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["session", "email", "created_by", "expires_at", "used_at"]
    raw_id_fields = ["session", "created_by", "used_by"]
    exclude = ["token"]


@admin.register(AvailabilitySlot)
class AvailabilitySlotAdmin(admin.ModelAdmin):
    list_display = ["user", "weekday", "start_time", "end_time"]
    raw_id_fields = ["user"]
