"""Read-only representations. Markdown fields (``description``, ``mandate``, ``agenda``,
``body``, ``decisions``) are returned as the Markdown source; ``web_url`` is the page."""

from __future__ import annotations

from django.urls import NoReverseMatch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from kaiku.core.api.fast import (
    FastRepresentationMixin,
    is_plain,
    path_template,
    request_affixes,
)
from kaiku.core.api.fields import WebUrlField
from kaiku.core.api.serializers import DescribedModelSerializer
from kaiku.core.translations import content_languages

from ..models import (
    GroupGoal,
    GroupTask,
    Meeting,
    Membership,
    Memo,
    Milestone,
    Programme,
    WorkingGroup,
)

# The collections of a working group: each is read at its own endpoint
# (/api/v1/working-groups/{id}/<name>/), or in the list with ?expand=<name>,...
GROUP_COLLECTIONS = ("members", "meetings", "milestones", "memos", "tasks", "goals")

ID_HELP = "Identifier, stable for the object's lifetime."
TITLE_HELP = "Title in Finnish (the language the item was written in)."
VISIBILITY_HELP = (
    "Who may see the item: `public` (everyone), `staff` (signed-in users) or `members` "
    "(members of the group)."
)


def _help(**texts: str) -> dict:
    return {name: {"help_text": text} for name, text in texts.items()}


def language_columns(*fields: str) -> list[str]:
    """The texts as written in each language (``title_fi``, ``title_sv``, ``title_en``; empty
    where not translated); the plain ``title`` is in the request's language, else Finnish."""
    return [f"{field}_{code}" for field in fields for code in content_languages()]


class ProgrammeSerializer(DescribedModelSerializer):
    """A reform programme: the frame of the working groups. Programmes are public."""

    url = serializers.HyperlinkedIdentityField(
        view_name="programme-detail", lookup_field="slug", help_text="This object in the API."
    )
    web_url = WebUrlField(route="programme:detail")

    class Meta:
        model = Programme
        fields = [
            "id", "slug", "name", "name_fi", "name_sv", "name_en", "summary", "description",
            "starts_on", "ends_on", "url", "web_url",
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = _help(
            id=ID_HELP,
            slug="Short name used in addresses, e.g. `te24`.",
            name="Name in the request's language (`Accept-Language`), falling back to Finnish.",
            name_fi="Name in Finnish.",
            name_sv="Name in Swedish; empty when not translated.",
            name_en="Name in English; empty when not translated.",
            summary="A short plain-text summary.",
            description="The description as Markdown source.",
            starts_on="The first day of the programme; null when not decided.",
            ends_on="The last day of the programme; null when open-ended.",
        )


class GroupTaskSerializer(DescribedModelSerializer):
    """A task given to the working group in its mandate."""

    class Meta:
        model = GroupTask
        fields = ["id", "title", "description", "order", *language_columns("title", "description")]
        read_only_fields = fields
        extra_kwargs = _help(
            id=ID_HELP,
            title=TITLE_HELP,
            description="More about the task as Markdown source; may be empty.",
            order="Position in the group's list (smallest first).",
        )


class GroupGoalSerializer(DescribedModelSerializer):
    """A goal the working group works towards."""

    class Meta:
        model = GroupGoal
        fields = ["id", "title", "description", "order", *language_columns("title", "description")]
        read_only_fields = fields
        extra_kwargs = _help(
            id=ID_HELP,
            title=TITLE_HELP,
            description="More about the goal as Markdown source; may be empty.",
            order="Position in the group's list (smallest first).",
        )


class RepresentedOrganisationSerializer(FastRepresentationMixin, serializers.Serializer):
    """The organisation a member represents in the group."""

    slug = serializers.CharField(
        read_only=True, help_text="The organisation's slug: `/api/v1/organisations/{slug}/`."
    )
    name = serializers.CharField(read_only=True, help_text="The organisation's name.")


class MembershipSerializer(DescribedModelSerializer):
    """A member of a working group. Contact details are not published in the API."""

    name = serializers.CharField(
        source="person.display_name", read_only=True, help_text="The member's name."
    )
    role_display = serializers.CharField(
        source="get_role_display",
        read_only=True,
        help_text="The role as a label in the request's language.",
    )
    represents = RepresentedOrganisationSerializer(
        read_only=True,
        allow_null=True,
        help_text="The organisation the member represents; null when none.",
    )

    class Meta:
        model = Membership
        fields = ["name", "role", "role_display", "represents", "term_start", "term_end"]
        read_only_fields = fields
        extra_kwargs = _help(
            role="The role in the group (chair first, then vice-chair, secretary, members, "
            "experts and deputies).",
            term_start="The first day of the term; null when not recorded.",
            term_end="The last day of the term; null when open-ended.",
        )


class MeetingSerializer(DescribedModelSerializer):
    """A meeting of a working group."""

    group = serializers.PrimaryKeyRelatedField(
        read_only=True, help_text="The working group's id: `/api/v1/working-groups/{id}/`."
    )
    # Not a URLField: the schema's `format: uri` would reject the empty "no link" value.
    online_url = serializers.CharField(read_only=True, help_text="The online link, or empty.")
    web_url = WebUrlField()

    class Meta:
        model = Meeting
        fields = [
            "id", "group", "title", "starts_at", "ends_at", "location", "online_url", "agenda",
            "status", "visibility", "web_url", *language_columns("title", "agenda"),
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = _help(
            id=ID_HELP,
            title=TITLE_HELP,
            starts_at="When the meeting starts (ISO 8601 with the time zone).",
            ends_at="When the meeting ends; null when not given.",
            location="Where the meeting is held; may be empty.",
            agenda="The agenda as Markdown source; may be empty.",
            status="Whether the meeting is planned, held or cancelled.",
            visibility=VISIBILITY_HELP,
        )


class MilestoneSerializer(DescribedModelSerializer):
    """A milestone on a working group's timeline."""

    is_overdue = serializers.BooleanField(
        read_only=True, help_text="True when the due date has passed and it is not done."
    )

    class Meta:
        model = Milestone
        fields = [
            "id", "title", "due_on", "status", "is_overdue", "visibility",
            *language_columns("title"),
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = _help(
            id=ID_HELP,
            title=TITLE_HELP,
            due_on="The due date.",
            status="How far the milestone is.",
            visibility=VISIBILITY_HELP,
        )


class MemoSerializer(DescribedModelSerializer):
    """A published memo (minutes) of a working group."""

    meeting = serializers.SerializerMethodField(
        help_text="The meeting's id; null when there is none or you may not see it."
    )

    class Meta:
        model = Memo
        fields = [
            "id", "meeting", "title", "body", "decisions", "published_at", "visibility",
            *language_columns("title", "body", "decisions"),
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = _help(
            id=ID_HELP,
            title=TITLE_HELP,
            body="The memo as Markdown source.",
            decisions="The decisions as Markdown source; may be empty.",
            published_at="When the memo was published.",
            visibility=VISIBILITY_HELP,
        )

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_meeting(self, obj) -> int | None:
        return obj.meeting_id if getattr(obj, "meeting_visible", False) else None


class GroupCountsSerializer(serializers.Serializer):
    """How many items each collection of the group has that you may see."""

    members = serializers.IntegerField(read_only=True, help_text="Members of the group.")
    meetings = serializers.IntegerField(read_only=True, help_text="Meetings you may see.")
    milestones = serializers.IntegerField(read_only=True, help_text="Milestones you may see.")
    memos = serializers.IntegerField(read_only=True, help_text="Published memos you may see.")
    tasks = serializers.IntegerField(read_only=True, help_text="Tasks of the group.")
    goals = serializers.IntegerField(read_only=True, help_text="Goals of the group.")

    def to_representation(self, instance):
        return {name: getattr(instance, f"{name}_count", 0) or 0 for name in GROUP_COLLECTIONS}


class GroupLinksSerializer(serializers.Serializer):
    """The API addresses of the group's collections (paginated lists)."""

    members = serializers.URLField(read_only=True, help_text="The group's members.")
    meetings = serializers.URLField(read_only=True, help_text="The group's meetings.")
    milestones = serializers.URLField(read_only=True, help_text="The group's milestones.")
    memos = serializers.URLField(read_only=True, help_text="The group's published memos.")
    tasks = serializers.URLField(read_only=True, help_text="The group's tasks.")
    goals = serializers.URLField(read_only=True, help_text="The group's goals.")

    def to_representation(self, instance):
        request = self.context.get("request")
        templates = self.__dict__.get("_templates")
        if templates is None:
            # The addresses from reverse_cached's templates, cut once per request and
            # collection, not one reverse() per group and collection (a list of 50 groups
            # asked for 300).
            templates = self._templates = dict.fromkeys(GROUP_COLLECTIONS)
            if request is not None:
                before, after = request_affixes(request)
                for name in GROUP_COLLECTIONS:
                    try:
                        parts = path_template(f"workinggroup-{name}", ["pk"])
                    except NoReverseMatch:
                        parts = None
                    if parts is not None:
                        templates[name] = (before + parts[0], parts[2] + after)
        pk = str(instance.pk)
        plain = is_plain(pk)
        links = {}
        for name, template in templates.items():
            if plain and template is not None:
                links[name] = template[0] + pk + template[1]
            else:
                links[name] = reverse(f"workinggroup-{name}", args=[instance.pk], request=request)
        return links


def _collection_fields(*, required: bool) -> dict[str, serializers.Field]:
    # In the list the collections appear only when asked for with ?expand=, so they are not
    # read-only there (drf-spectacular marks every read-only field as always present).
    options = {"read_only": True} if required else {"read_only": False, "required": False}
    return {
        "members": MembershipSerializer(
            source="member_list", many=True, help_text="The group's members.", **options
        ),
        "meetings": MeetingSerializer(
            source="visible_meetings", many=True, help_text="Meetings you may see.", **options
        ),
        "milestones": MilestoneSerializer(
            source="visible_milestones", many=True, help_text="Milestones you may see.", **options
        ),
        "memos": MemoSerializer(
            source="published_memos",
            many=True,
            help_text="Published memos you may see, newest first.",
            **options,
        ),
        "tasks": GroupTaskSerializer(many=True, help_text="The group's tasks.", **options),
        "goals": GroupGoalSerializer(many=True, help_text="The group's goals.", **options),
    }


class WorkingGroupListSerializer(DescribedModelSerializer):
    """A working group in a list: what it is, how many items each of its collections has
    and where to read them. Collections named in `?expand=` are included as well."""

    url = serializers.HyperlinkedIdentityField(
        view_name="workinggroup-detail", help_text="This group in the API (with everything)."
    )
    web_url = WebUrlField(
        route="programme:group_detail",
        route_kwargs={"programme_slug": "programme.slug", "slug": "slug"},
    )
    programme = serializers.SlugRelatedField(
        slug_field="slug", read_only=True, help_text="The programme's slug."
    )
    parent = serializers.SerializerMethodField(
        help_text="The parent group's id; null for a top-level group or a parent you may not see."
    )
    counts = GroupCountsSerializer(
        source="*", read_only=True, help_text="How many items each collection has."
    )
    links = GroupLinksSerializer(
        source="*", read_only=True, help_text="Where to read each collection in the API."
    )
    members, meetings, milestones, memos, tasks, goals = _collection_fields(required=False).values()

    class Meta:
        model = WorkingGroup
        fields = [
            "id", "programme", "parent", "slug", "name", "visibility", "counts", "url",
            "web_url", "links", *GROUP_COLLECTIONS,
        ]  # fmt: skip
        read_only_fields = [name for name in fields if name not in GROUP_COLLECTIONS]
        extra_kwargs = _help(
            id=ID_HELP,
            slug="Short name used in the group's page address (unique in its programme).",
            name="Name in the request's language (`Accept-Language`), falling back to Finnish.",
            visibility="Who may see the group: `public` (everyone), `staff` (signed-in users) "
            "or `members` (its members).",
        )

    def __init__(self, *args, expand: frozenset[str] = frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self._expand = expand

    def _fields_key(self):
        return getattr(self, "_expand", None)

    def get_field_names(self, declared_fields, info):
        names = super().get_field_names(declared_fields, info)
        expand = getattr(self, "_expand", None)
        if expand is None:  # the schema: every field
            return names
        return [n for n in names if n not in GROUP_COLLECTIONS or n in expand]

    @extend_schema_field({"type": "integer", "nullable": True})
    def get_parent(self, obj) -> int | None:
        return obj.parent_id if getattr(obj, "parent_visible", False) else None


class WorkingGroupSerializer(WorkingGroupListSerializer):
    """A working group with everything its page shows, each list filtered by your access."""

    members, meetings, milestones, memos, tasks, goals = _collection_fields(required=True).values()

    class Meta(WorkingGroupListSerializer.Meta):
        fields = [
            "id", "programme", "parent", "slug", "name", "name_fi", "name_sv", "name_en",
            "mandate", "visibility", *GROUP_COLLECTIONS, "counts", "url", "web_url", "links",
        ]  # fmt: skip
        read_only_fields = fields
        extra_kwargs = {
            **WorkingGroupListSerializer.Meta.extra_kwargs,
            **_help(
                name_fi="Name in Finnish.",
                name_sv="Name in Swedish; empty when not translated.",
                name_en="Name in English; empty when not translated.",
                mandate="The group's mandate as Markdown source.",
            ),
        }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("expand", None)
        super().__init__(*args, **kwargs)
