import pytest
from django.core.exceptions import ValidationError

from articles.models import Region

pytestmark = pytest.mark.django_db


def test_region_subtree_reaches_every_level_below(regions):
    subtree = set(Region.objects.subtree(regions["russia"]))
    assert subtree == {regions["russia"], regions["tatarstan"], regions["kazan"]}


def test_region_lineage_runs_from_the_top_down(regions):
    assert regions["kazan"].lineage() == [
        regions["russia"],
        regions["tatarstan"],
        regions["kazan"],
    ]


def test_a_region_cannot_be_placed_inside_its_own_subregion(regions):
    russia = regions["russia"]
    russia.parent = regions["kazan"]
    with pytest.raises(ValidationError, match="inside itself"):
        russia.full_clean()
