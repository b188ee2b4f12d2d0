"""SigmaSight API (trimmed): health check and portfolio listing."""
import asyncio
import logging

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.db import engine

log = logging.getLogger("sigmasight")
app = FastAPI(title="SigmaSight API")


@app.on_event("shutdown")
async def dispose_engine() -> None:
    await engine.dispose()


@app.get("/health")
async def health():
    """200 when the database answers `SELECT 1`, 503 otherwise."""
    try:
        async with engine.connect() as conn:
            await asyncio.wait_for(conn.execute(text("SELECT 1")), timeout=3)
    except Exception as exc:  # any failure means "not healthy"
        log.warning("health check failed: %s", exc)
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503)
    return {"status": "ok", "database": "ok"}


@app.get("/api/portfolios")
async def list_portfolios():
    async with engine.connect() as conn:
        result = await conn.execute(
            text("SELECT id, user_id, name, created_at FROM portfolios ORDER BY id")
        )
        return [dict(row._mapping) for row in result]
