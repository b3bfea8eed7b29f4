"""The REST gateway against the running uvicorn server: grpc-gateway paths, protojson with snake_case
names and unpopulated fields, error bodies with mapped HTTP statuses, and the extra HTTP routes."""

from __future__ import annotations

import base64
import hashlib

from google.protobuf import json_format

from flyteidl.admin import task_pb2
from tests.admin.builders import DOMAIN, PROJECT, task_spec
from tests.admin.conftest import RunningAdmin


def _json(message: object) -> dict[str, object]:
    return json_format.MessageToDict(message, preserving_proto_field_name=True)  # type: ignore[arg-type]


def _register_task_over_rest(admin: RunningAdmin, name: str = "mod.add") -> dict[str, object]:
    task_id, spec = task_spec(name)
    body = _json(task_pb2.TaskCreateRequest(id=task_id, spec=spec))
    response = admin.http.post("/api/v1/tasks", json=body)
    assert response.status_code == 200, response.text
    return body


def test_registration_and_lookup_over_rest(running_admin: RunningAdmin) -> None:
    http = running_admin.http
    body = _register_task_over_rest(running_admin)
    again = http.post("/api/v1/tasks", json=body)
    assert again.status_code == 409
    assert again.json()["code"] == 6 and "identical structure" in again.json()["message"]

    task = http.get(f"/api/v1/tasks/{PROJECT}/{DOMAIN}/mod.add/v1").json()
    template = task["closure"]["compiled_task"]["template"]
    assert template["id"]["resource_type"] == "TASK" and template["type"] == "python-task"
    assert task["short_description"] == ""  # unpopulated fields are emitted

    _register_task_over_rest(running_admin, "mod.sub")
    listed = http.get(
        f"/api/v1/tasks/{PROJECT}/{DOMAIN}",
        params={"limit": "1", "sort_by.key": "name", "sort_by.direction": "ASCENDING"},
    ).json()
    assert [t["id"]["name"] for t in listed["tasks"]] == ["mod.add"] and listed["token"] == "1"
    filtered = http.get(
        f"/api/v1/tasks/{PROJECT}/{DOMAIN}", params={"limit": 5, "filters": "eq(name,mod.sub)"}
    ).json()
    assert [t["id"]["name"] for t in filtered["tasks"]] == ["mod.sub"]
    ids = http.get(f"/api/v1/task_ids/{PROJECT}/{DOMAIN}", params={"limit": 5}).json()
    assert [e["name"] for e in ids["entities"]] == ["mod.add", "mod.sub"]

    missing = http.get(f"/api/v1/tasks/{PROJECT}/{DOMAIN}/mod.none/v1")
    assert missing.status_code == 404 and missing.json()["code"] == 5
    bad = http.get(f"/api/v1/tasks/{PROJECT}/{DOMAIN}", params={"limit": "0"})
    assert bad.status_code == 400 and "limit" in bad.json()["message"]
    assert http.get(f"/api/v1/tasks/{PROJECT}/{DOMAIN}", params={"limit": "x"}).status_code == 400
    assert http.post("/api/v1/tasks", content=b"{not json").status_code == 400


def test_projects_versions_and_unserved_rpcs(running_admin: RunningAdmin) -> None:
    http = running_admin.http
    projects = http.get("/api/v1/projects").json()["projects"]
    assert projects[0]["id"] == PROJECT and projects[0]["domains"][0]["id"] == "development"
    created = http.post("/api/v1/projects", json={"project": {"id": "restful", "name": "Restful"}})
    assert created.status_code == 200
    assert http.get("/api/v1/projects/restful").json()["name"] == "Restful"
    assert http.get("/api/v1/domains").json()["domains"][2]["id"] == "production"
    version = http.get("/api/v1/version").json()
    assert version["control_plane_version"]["Build"] == "flyte-py"
    unserved = http.get(f"/api/v1/project_attributes/{PROJECT}")
    assert unserved.status_code == 501 and unserved.json()["code"] == 12
    binary = http.get("/api/v1/domains", headers={"Accept": "application/octet-stream"})
    assert binary.headers["content-type"] == "application/octet-stream"
    from flyteidl.admin import project_pb2

    assert len(project_pb2.GetDomainsResponse.FromString(binary.content).domains) == 3


def test_executions_and_events_over_rest(running_admin: RunningAdmin) -> None:
    from tests.admin.test_registration import register_basics

    http = running_admin.http
    _, _, launch_plan_id = register_basics(running_admin)
    request = {
        "project": PROJECT,
        "domain": DOMAIN,
        "name": "restrun",
        "spec": {"launch_plan": _json(launch_plan_id)},
        "inputs": {"literals": {"x": {"scalar": {"primitive": {"integer": "3"}}}}},
    }
    created = http.post("/api/v1/executions", json=request)
    assert created.status_code == 200, created.text
    assert created.json()["id"]["name"] == "restrun"
    path = f"/api/v1/executions/{PROJECT}/{DOMAIN}/restrun"
    execution = http.get(path).json()
    assert execution["closure"]["phase"] == "UNDEFINED"
    assert execution["closure"]["started_at"] is None  # unset messages are emitted as null
    assert "abort_metadata" not in execution["closure"]  # ... except members of an unset oneof
    event = {
        "request_id": "1",
        "event": {
            "execution_id": {"project": PROJECT, "domain": DOMAIN, "name": "restrun"},
            "phase": "RUNNING",
            "producer_id": "propeller",
            "occurred_at": "2024-01-01T00:00:00Z",
        },
    }
    assert http.post("/api/v1/events/workflows", json=event).status_code == 200
    duplicate = http.post("/api/v1/events/workflows", json=event)
    assert duplicate.status_code == 409
    assert http.get(path).json()["closure"]["started_at"] == "2024-01-01T00:00:00Z"
    data = http.get(f"/api/v1/data/executions/{PROJECT}/{DOMAIN}/restrun").json()
    assert data["full_inputs"]["literals"]["x"]["scalar"]["primitive"]["integer"] == "3"
    listing = http.get(
        f"/api/v1/executions/{PROJECT}/{DOMAIN}", params={"limit": 10, "filters": "eq(phase,RUNNING)"}
    )
    assert [e["id"]["name"] for e in listing.json()["executions"]] == ["restrun"]
    terminated = http.request("DELETE", path, json={"cause": "enough"})
    assert terminated.status_code == 200
    assert http.get(path).json()["closure"]["abort_metadata"]["cause"] == "enough"
    nodes = http.get(f"/api/v1/node_executions/{PROJECT}/{DOMAIN}/restrun", params={"limit": 10}).json()
    assert nodes == {"node_executions": [], "token": ""}


def test_upload_location_over_rest(running_admin: RunningAdmin) -> None:
    content = b"payload"
    md5 = hashlib.md5(content).digest()
    response = running_admin.http.post(
        "/api/v1/dataproxy/artifact_urn",
        json={
            "project": PROJECT,
            "domain": DOMAIN,
            "filename": "p.bin",
            "content_md5": base64.b64encode(md5).decode(),
        },
    )
    assert response.status_code == 200, response.text
    location = response.json()
    put = running_admin.http.put(location["signed_url"], content=content, headers=location["headers"])
    assert put.status_code == 200
    assert running_admin.blobs.read(location["native_url"]) == content


def test_logs_health_and_metrics(running_admin: RunningAdmin) -> None:
    http = running_admin.http
    log_file = running_admin.app.settings.logs_dir / "flytesnacks-development" / "pod-a.log"
    log_file.parent.mkdir(parents=True)
    log_file.write_text("hello from the task\n")
    response = http.get("/api/v1/logs/flytesnacks-development/pod-a")
    assert response.status_code == 200 and response.text == "hello from the task\n"
    assert response.headers["content-type"].startswith("text/plain")
    assert http.get("/api/v1/logs/flytesnacks-development/pod-b").status_code == 404
    assert http.get("/api/v1/logs/flytesnacks-development/..%2Fsecret").status_code in (400, 404)
    assert http.get("/healthcheck").status_code == 200
    http.get("/api/v1/domains")
    metrics = http.get("/metrics").text
    assert 'flyteadmin_rpc_calls_total{code="OK",rpc="GetDomains"}' in metrics
