"""Statistics of a period as JSON: the same content as the JSON download."""
from flask import jsonify, request

from monitor.access import roles_required
from monitor.api import api
from monitor.models import Role
from monitor.services import statistics as service
from monitor.statistics.periods import PeriodInvalid


@api.get("/statistics")
@roles_required(Role.MANAGER, Role.ADMIN)
def get_statistics():
    """`?period=2025-Q3`, `?period=2025`, or `?from=2025-01-01&to=2025-03-31`; default: the last completed quarter."""
    start, end = request.args.get("from"), request.args.get("to")
    try:
        period = service.period_from_arguments(request.args.get("period"), start, end)
    except PeriodInvalid as invalid:
        field = "from" if start or end else "period"
        return jsonify(error="invalid", errors={field: str(invalid)}), 422
    return jsonify(service.build_report(period).to_dict())
