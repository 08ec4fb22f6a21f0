from django.contrib import admin

from .models import County, Invitation, Municipality, School, SchoolMembership


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "code"]
    list_filter = ["country"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "county", "code"]
    list_filter = ["county"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(SchoolMembership)
class SchoolMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "role", "consent_recorded_at"]
    list_filter = ["role", "school"]
    raw_id_fields = ["user", "consent_recorded_by"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["school", "role", "email", "uses", "max_uses", "expires_at", "revoked_at"]
    list_filter = ["role"]
