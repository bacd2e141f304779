from django.urls import path

from seawall.duplicates.views import check, merges, pairs, queue

app_name = "duplicates"

urlpatterns = [
    path("", queue.queue, name="queue"),
    path("search/", queue.start_search, name="search"),
    path("check/", check.check, name="check"),
    path("pairs/<int:pk>/", pairs.pair_detail, name="pair"),
    path("pairs/<int:pk>/merge/", pairs.confirm, name="confirm"),
    path("pairs/<int:pk>/reject/", pairs.reject, name="reject"),
    path("pairs/<int:pk>/reopen/", pairs.reopen, name="reopen"),
    path("merges/", merges.merge_list, name="merges"),
    path("merges/<int:pk>/undo/", merges.undo, name="undo"),
]
