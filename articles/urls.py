from django.urls import path, register_converter

from . import converters, views

register_converter(converters.UnicodeSlugConverter, "uslug")
register_converter(converters.YearConverter, "yyyy")
register_converter(converters.TwoDigitConverter, "dd")

app_name = "articles"
urlpatterns = [
    path("", views.FrontPageView.as_view(), name="front"),
    path("news/", views.ArticleListView.as_view(), name="news"),
    path(
        "news/<yyyy:year>/<dd:month>/<dd:day>/<uslug:slug>/",
        views.ArticleDetailView.as_view(),
        name="article",
    ),
    path("topics/<uslug:slug>/", views.TopicView.as_view(), name="topic"),
    path("regions/<uslug:slug>/", views.RegionView.as_view(), name="region"),
    path("people/", views.PersonListView.as_view(), name="people"),
    path("people/<uslug:slug>/", views.PersonView.as_view(), name="person"),
    path("organisations/", views.OrganisationListView.as_view(), name="organisations"),
    path("organisations/<uslug:slug>/", views.OrganisationView.as_view(), name="organisation"),
    path("events/", views.EventListView.as_view(), name="events"),
    path("events/<uslug:slug>/", views.EventView.as_view(), name="event"),
    path("preview/<int:pk>/<str:token>/", views.shared_preview, name="shared_preview"),
    path("search/", views.SearchView.as_view(), name="search"),
]
