"""Courts a programme monitors; the hearing block's court is chosen from this list."""
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from monitor.extensions import db


class Court(db.Model):
    __tablename__ = "courts"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable short key used by the API and exports, e.g. "phnom_penh_appeal".
    key: Mapped[str] = mapped_column(String(60), unique=True)
    #: The English name (and the name wherever no Khmer one is given).
    name: Mapped[str] = mapped_column(String(200))
    #: The name Khmer readers see; empty until an administrator gives it.
    name_km: Mapped[str | None] = mapped_column(String(200), nullable=True)
    active: Mapped[bool] = mapped_column(default=True)

    def name_in(self, language: str) -> str:
        """The court's name in `language`, falling back to the English name."""
        return self.name_km if language == "km" and self.name_km else self.name

    @property
    def labels(self) -> dict[str, str]:
        """The name by language, as indicator and breakdown labels are kept."""
        return {"en": self.name, **({"km": self.name_km} if self.name_km else {})}
