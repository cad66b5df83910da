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


def settings_from_env(**overrides) -> Settings:
    """Settings from GATEWAY_DATA_DIR / GATEWAY_DATABASE_URL / GATEWAY_SECRET_KEY, then overrides."""
    env = os.environ
    settings = Settings(
        data_dir=Path(env.get("GATEWAY_DATA_DIR", "instance")),
        database_url=env.get("GATEWAY_DATABASE_URL") or None,
        secret_key=env.get("GATEWAY_SECRET_KEY") or None,
    )
    return replace(settings, **overrides)
