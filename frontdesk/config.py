"""Where the data lives. The one place that resolves the database path and its folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "FrontDesk"
DB_ENV_VAR = "FRONTDESK_DB"
DB_FILENAME = "frontdesk.db"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False, roaming=True))


def resolve_db_path(cli_value: str | os.PathLike[str] | None = None) -> Path:
    """``--db`` beats ``FRONTDESK_DB``, which beats the user's data folder."""
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env_value = os.environ.get(DB_ENV_VAR)
    if env_value:
        return Path(env_value).expanduser().resolve()
    return default_data_dir() / DB_FILENAME


@dataclass(frozen=True)
class DataLocation:
    """The database file and the folders that belong with it."""

    db_path: Path

    @property
    def folder(self) -> Path:
        return self.db_path.parent

    @property
    def backup_dir(self) -> Path:
        return self.folder / "backups"

    @property
    def letters_dir(self) -> Path:
        return self.folder / "letters"

    @property
    def branding_dir(self) -> Path:
        """Copies of the business's logo and signature, kept with the data they belong to."""
        return self.folder / "branding"

    @property
    def lock_path(self) -> Path:
        return self.db_path.with_name(self.db_path.name + ".lock")

    @classmethod
    def resolve(cls, cli_value: str | os.PathLike[str] | None = None) -> DataLocation:
        return cls(resolve_db_path(cli_value))
