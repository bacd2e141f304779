from django.urls import path

from seawall.transfers.views import batch, export, index, mappings, undo, upload

app_name = "transfers"

urlpatterns = [
    path("", index.index, name="index"),
    path("upload/", upload.upload, name="upload"),
    path("<int:pk>/", batch.detail, name="batch"),
    path("<int:pk>/confirm/", batch.confirm, name="confirm"),
    path("<int:pk>/discard/", batch.discard, name="discard"),
    path("<int:pk>/progress/", batch.progress, name="progress"),
    path("<int:pk>/undo/", undo.undo, name="undo"),
    path("<int:pk>/mapping/", mappings.build, name="mapping"),
    path("mappings/", mappings.saved, name="mappings"),
    path("mappings/<int:pk>/download/", mappings.download, name="mapping_download"),
    path("mappings/<int:pk>/delete/", mappings.delete, name="mapping_delete"),
    path("export/", export.export, name="export"),
]
