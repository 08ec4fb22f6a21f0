"""App configs that replace Wagtail's images and documents apps (same labels)."""

from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig


# Wagtail registers its image and document permission policies in its own ready();
# these configs run right after it to narrow *choose* to what each editor may see.
class LibraryImagesConfig(WagtailImagesAppConfig):
    def ready(self):
        super().ready()
        from wagtail.images import get_image_model
        from wagtail.permissions import register_permission_policy

        from .policies import ImagePolicy

        register_permission_policy(
            get_image_model(),
            ImagePolicy(
                get_image_model(),
                auth_model="wagtailimages.Image",
                owner_field_name="uploaded_by_user",
            ),
        )


class LibraryDocumentsConfig(WagtailDocsAppConfig):
    def ready(self):
        super().ready()
        from wagtail.documents import get_document_model
        from wagtail.permissions import register_permission_policy

        from .policies import DocumentPolicy

        register_permission_policy(
            get_document_model(),
            DocumentPolicy(
                get_document_model(),
                auth_model="wagtaildocs.Document",
                owner_field_name="uploaded_by_user",
            ),
        )
