"""Database engine shared by the API (SQLAlchemy 1.4 async API over asyncpg)."""
import os

from sqlalchemy.ext.asyncio import create_async_engine


def database_url() -> str:
    """DATABASE_URL from the environment, forced onto the asyncpg driver."""
    url = os.environ.get(
        "DATABASE_URL", "postgresql+asyncpg://sigmasight:sigmasight@localhost:5432/sigmasight"
    )
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            url = "postgresql+asyncpg://" + url[len(prefix):]
    return url


# pool_pre_ping: survive a database restart; timeout: fail fast when it is down.
engine = create_async_engine(database_url(), pool_pre_ping=True, connect_args={"timeout": 3})
