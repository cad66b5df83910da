"""The gateway's parts wired together for one data directory: database, blobs, audit, policy, access."""

from functools import cached_property
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway import migrate
from gateway.access import fact_cache
from gateway.access.enforcer import PolicyEnforcer
from gateway.access.service import AccessService
from gateway.config import Settings
from gateway.db import make_engine, make_session_factory
from gateway.domain.audit import AuditLog
from gateway.domain.blobs import BlobStore
from gateway.domain.clock import utcnow
from gateway.domain.models import PolicyVersion
from gateway.passwords import password_key

_POLICIES = PolicyVersion.__table__
_ACTIVE_POLICY_ID = select(_POLICIES.c.id).where(_POLICIES.c.active)
# What every request checks first, in one statement: the active policy's number and the facts' generation.
_POLICY_AND_GENERATION = select(_ACTIVE_POLICY_ID.limit(1).scalar_subquery(), fact_cache.GENERATION)


class Gateway:
    def __init__(self, settings: Settings):
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(settings.sqlalchemy_url)
        self.sessions = make_session_factory(self.engine)
        self.audit = AuditLog.for_settings(self.engine, settings)
        self.blobs = BlobStore(settings.blob_dir)

    @property
    def model_path(self) -> Path:
        return self.settings.policy_dir / "casbin_model.conf"

    def default_policy_text(self) -> str:
        return (self.settings.policy_dir / "policy.csv").read_text(encoding="utf-8")

    def init(self) -> None:
        """Creates or upgrades the database, the search index and the default policy."""
        with self.engine.begin() as connection:
            migrate.upgrade(connection)   # every web worker calls this: Alembic is imported only to migrate
        self.audit.seal_unkeyed()  # a log from before the audit key: seal it once (domain/audit.py)
        with self.sessions() as session, session.begin():
            if session.scalars(select(PolicyVersion).limit(1)).first() is None:
                session.add(PolicyVersion(text=self.default_policy_text(), note="Default rules (RULES.md)",
                                          created_at=utcnow(), active=True))
        from index import open_index

        open_index(self.settings.index_dir)

    def active_policy(self) -> PolicyVersion:
        with self.sessions() as session:
            version = session.scalars(select(PolicyVersion).where(PolicyVersion.active)).first()
        if version is None:
            raise RuntimeError("no active policy: run `gateway init`")
        return version

    @cached_property
    def access(self) -> AccessService:
        version = self.active_policy()
        self._policy_id = version.id
        return AccessService(PolicyEnforcer(self.model_path, version.text), self.audit)

    @cached_property
    def password_key(self) -> bytes:
        """The key that lets a council reload recognise unchanged passwords (see gateway.passwords)."""
        return password_key(self.settings.data_dir)

    @cached_property
    def index(self):
        from index import DocumentIndex

        return DocumentIndex(self.settings.index_dir)

    def refresh_policy(self, session: Session | None = None) -> None:
        """Swaps in a new enforcer, built whole, when another process activated another policy version.

        Asked on every request, so only the active version's number is read (in the request's own
        `session` when given, with the facts' generation beside it: one statement, no second connection
        per request); the text only when it moved.
        """
        if session is None:
            with self.engine.connect() as own:
                active_id = own.scalar(_ACTIVE_POLICY_ID)
        else:
            active_id, generation = session.connection().execute(_POLICY_AND_GENERATION).one()
            fact_cache.note_generation(session, generation)
        if "access" not in self.__dict__ or active_id != self._policy_id:
            version = self.active_policy()
            enforcer = PolicyEnforcer(self.model_path, version.text)
            self.access.enforcer, self._policy_id = enforcer, version.id
