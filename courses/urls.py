from django.urls import path

from . import views
from .learning import views as learning

app_name = "courses"

urlpatterns = [
    path("me/contributions/new/", views.submit, name="submit"),
    path("resources/<id:page_id>/adapt/", views.adapt, name="adapt"),
    path("library/<id:page_id>/files/<id:document_id>/", views.document, name="document"),
    path("library/<id:page_id>/images/<id:image_id>/<str:spec>/", views.image, name="image"),
    path("library/<id:page_id>/save/", views.collection_add, name="collection_add"),
    path("lists/<str:token>/", views.collection_shared, name="collection_shared"),
    path("me/contributions/", views.mine, name="mine"),
    path("me/lists/", views.collections, name="collections"),
    path("me/lists/<id:pk>/", views.collection, name="collection"),
    path("me/courses/", learning.my_courses, name="my_courses"),
    path(
        "gatherings/<id:gathering_id>/make-course/",
        learning.from_gathering,
        name="from_gathering",
    ),
    path("certificates/status-list/", learning.status_list, name="status_list"),
    path("certificates/issuer-key.pem", learning.issuer_key, name="issuer_key"),
    path("certificates/<str:token>/", learning.completion, name="completion"),
    path("certificates/<str:token>/badge.jwt", learning.credential, name="credential"),
    path("certificates/<str:token>/revoke/", learning.completion_revoke, name="completion_revoke"),
]
