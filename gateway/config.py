"""Known configuration keys, their defaults, and reading them from GATEWAY_* variables."""

import os
from dataclasses import dataclass, field, replace
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("instance")
    database_url: str | None = None
    policy_dir: Path = Path(__file__).resolve().parent.parent / "policies"
    secret_key: str | None = None
    audit_key: str | None = None            # the audit MAC key; else a key file under the data dir
    audit_checkpoints: Path | None = None   # the signed checkpoint file; else one under the data dir
    audit_checkpoint_every: int = 1000      # records between automatic checkpoints
    audit_checkpoint_minutes: float = 10.0  # and at most this long between them while records are written
    # Notices by e-mail (CONTRACT.md); without smtp_host they stay in the outbox.
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str | None = None
    smtp_user: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    base_url: str | None = None             # where links in notices point, e.g. https://gateway.example.gov.uk
    behind_tls: bool = False                # served over HTTPS: every answer carries Strict-Transport-Security
    trusted_proxies: int = 0                # reverse proxies in front whose X-Forwarded-For/-Proto are believed
    ratelimit_storage: str = "memory://"   # where sign-in rate counts live; one shared store for several workers
    signin_rate_limit: str = "30 per minute; 300 per hour"   # sign-ins and token requests per client address
    extra: dict = field(default_factory=dict)

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'gateway.db').resolve()}"

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def audit_key_file(self) -> Path:
        return self.data_dir / "audit.key"

    @property
    def audit_checkpoint_file(self) -> Path:
        return self.audit_checkpoints or self.data_dir / "audit-checkpoints.jsonl"


def _flag(name: str, value: str | None) -> bool:
    text = (value or "").strip().lower()
    if text in ("", "0", "false", "no", "off"):
        return False
    if text in ("1", "true", "yes", "on"):
        return True
    raise ValueError(f"{name}: {value!r} is not one of true, false, 1, 0, yes, no, on, off")


def settings_from_env(**overrides) -> Settings:
    """Settings from GATEWAY_DATA_DIR / _DATABASE_URL / _SECRET_KEY / _AUDIT_* / _SMTP_* / _BASE_URL /
    _BEHIND_TLS / _TRUSTED_PROXIES / _RATELIMIT_*, then overrides."""
    env = os.environ
    checkpoints = env.get("GATEWAY_AUDIT_CHECKPOINTS")
    settings = Settings(
        data_dir=Path(env.get("GATEWAY_DATA_DIR", "instance")),
        database_url=env.get("GATEWAY_DATABASE_URL") or None,
        secret_key=env.get("GATEWAY_SECRET_KEY") or None,
        audit_key=env.get("GATEWAY_AUDIT_KEY") or None,
        audit_checkpoints=Path(checkpoints) if checkpoints else None,
        audit_checkpoint_every=int(env.get("GATEWAY_AUDIT_CHECKPOINT_EVERY", 1000)),
        audit_checkpoint_minutes=float(env.get("GATEWAY_AUDIT_CHECKPOINT_MINUTES", 10)),
        smtp_host=env.get("GATEWAY_SMTP_HOST") or None,
        smtp_port=int(env.get("GATEWAY_SMTP_PORT") or 25),
        smtp_from=env.get("GATEWAY_SMTP_FROM") or None,
        smtp_user=env.get("GATEWAY_SMTP_USER") or None,
        smtp_password=env.get("GATEWAY_SMTP_PASSWORD") or None,
        smtp_starttls=_flag("GATEWAY_SMTP_STARTTLS", env.get("GATEWAY_SMTP_STARTTLS")),
        base_url=(env.get("GATEWAY_BASE_URL") or "").rstrip("/") or None,
        behind_tls=_flag("GATEWAY_BEHIND_TLS", env.get("GATEWAY_BEHIND_TLS")),
        trusted_proxies=int(env.get("GATEWAY_TRUSTED_PROXIES") or 0),
        ratelimit_storage=env.get("GATEWAY_RATELIMIT_STORAGE") or Settings.ratelimit_storage,
        signin_rate_limit=env.get("GATEWAY_RATELIMIT_SIGNIN") or Settings.signin_rate_limit,
    )
    return replace(settings, **overrides)
