# SigmaSight backend: FastAPI + SQLAlchemy (async, asyncpg) + Alembic, all from
# Debian bookworm packages (PyPI is not needed, so builds work offline from apt).
FROM debian:bookworm-slim

# One apt layer (the big one in `docker history`); indexes removed in the same layer.
# Debian ships the alembic CLI in a separate package that drags in Sphinx JS assets,
# so a two-line wrapper around the python module is installed instead.
RUN set -eux; \
    apt-get update; \
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        python3 python3-fastapi python3-uvicorn python3-alembic python3-sqlalchemy \
        python3-asyncpg python3-greenlet; \
    rm -rf /var/lib/apt/lists/*; \
    printf '#!/bin/sh\nexec python3 -c "import sys; from alembic.config import main; sys.exit(main())" "$@"\n' \
        > /usr/local/bin/alembic; \
    chmod 755 /usr/local/bin/alembic; \
    useradd --system --home-dir /app --shell /usr/sbin/nologin app

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1

# /app holds alembic.ini, so `docker run --rm IMAGE alembic upgrade head` works as-is.
WORKDIR /app
COPY alembic.ini ./
COPY alembic ./alembic
COPY app ./app

USER app
EXPOSE 8000
CMD ["python3", "-m", "uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
