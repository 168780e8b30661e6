"""Can a load balancer tell a healthy app server from one that has lost its database?"""


def test_health_checks_the_database(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json == {"status": "ok", "database": "ok"}


def test_unreachable_database_is_503(make_app, tmp_path):
    for url in (f"sqlite:///{tmp_path}/missing/folder/monitor.sqlite", "postgresql+psycopg://nobody@127.0.0.1:9/none"):
        app = make_app(url)
        with app.app_context():
            response = app.test_client().get("/health")
        assert response.status_code == 503, url
        assert response.json == {"status": "unavailable", "database": "unreachable"}
