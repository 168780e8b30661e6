"""Courts a programme monitors; the hearing block's court is chosen from this list."""
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from monitor.extensions import db


class Court(db.Model):
    __tablename__ = "courts"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable short key used by the API and exports, e.g. "phnom_penh_appeal".
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
