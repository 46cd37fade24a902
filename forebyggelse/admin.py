from django.contrib import admin


class KunLaesning(admin.ModelAdmin):
    """An admin page that only reads: every change goes through the app's services (locks, rules, versions,
    history), which the admin's forms would bypass."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
