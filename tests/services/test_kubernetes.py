"""The fake Kubernetes API answers over HTTP: the official client and a kopf operator both work with it."""

from __future__ import annotations

from typing import Any

import kopf
import kubernetes.client
import kubernetes.watch
import pytest

from tests.services.kubernetes import (
    FLYTEWORKFLOW_GROUP,
    FLYTEWORKFLOW_KIND,
    FLYTEWORKFLOW_PLURAL,
    FLYTEWORKFLOW_VERSION,
    FLYTEWORKFLOWS,
    FakeKubernetesApi,
)
from tests.services.operators import kopf_connection_info, running_operator
from tests.services.waiting import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]

NAMESPACE = "flyte-test"


def flyteworkflow(name: str, **fields: Any) -> dict[str, Any]:
    return {
        "apiVersion": f"{FLYTEWORKFLOW_GROUP}/{FLYTEWORKFLOW_VERSION}",
        "kind": FLYTEWORKFLOW_KIND,
        "metadata": {"name": name, "labels": {"execution-id": name}},
        **fields,
    }


def pod(name: str) -> kubernetes.client.V1Pod:
    return kubernetes.client.V1Pod(
        metadata=kubernetes.client.V1ObjectMeta(name=name, labels={"app": "flyte"}),
        spec=kubernetes.client.V1PodSpec(
            containers=[kubernetes.client.V1Container(name="main", image="ghcr.io/flyteorg/flytekit")]
        ),
    )


def test_official_client_creates_gets_and_lists_pods(
    kubernetes_api: FakeKubernetesApi, kubernetes_api_client: kubernetes.client.ApiClient
) -> None:
    core = kubernetes.client.CoreV1Api(kubernetes_api_client)
    created = core.create_namespaced_pod(NAMESPACE, pod("task-pod"), _request_timeout=10)
    assert created.metadata is not None
    assert created.metadata.uid and created.metadata.namespace == NAMESPACE  # stamped by the fake

    fetched = core.read_namespaced_pod("task-pod", NAMESPACE, _request_timeout=10)
    assert fetched.spec is not None and fetched.spec.containers[0].image == "ghcr.io/flyteorg/flytekit"
    listed = core.list_namespaced_pod(NAMESPACE, _request_timeout=10)
    assert [item.metadata.name for item in listed.items if item.metadata] == ["task-pod"]

    with pytest.raises(kubernetes.client.ApiException) as missing:
        core.read_namespaced_pod("no-such-pod", NAMESPACE, _request_timeout=10)
    assert missing.value.status == 404

    assert kubernetes_api.url.startswith("http://127.0.0.1:")
    assert [(request.method, request.url.path) for request in kubernetes_api.list_requests()][:1] == [
        ("POST", f"/api/v1/namespaces/{NAMESPACE}/pods")
    ]


def test_watch_from_a_listed_version_streams_only_later_changes(
    kubernetes_api_client: kubernetes.client.ApiClient,
) -> None:
    core = kubernetes.client.CoreV1Api(kubernetes_api_client)
    core.create_namespaced_pod(NAMESPACE, pod("before"), _request_timeout=10)
    listing = core.list_namespaced_pod(NAMESPACE, _request_timeout=10)
    assert listing.metadata is not None and listing.metadata.resource_version
    # Changes between the list and the watch must still reach the watcher, in order.
    core.create_namespaced_pod(NAMESPACE, pod("after"), _request_timeout=10)
    core.patch_namespaced_pod("before", NAMESPACE, {"metadata": {"labels": {"x": "y"}}}, _request_timeout=10)

    # kubernetes.watch is untyped.
    watch = kubernetes.watch.Watch()  # type: ignore[no-untyped-call]
    events: list[tuple[str, str]] = []
    for event in watch.stream(  # type: ignore[no-untyped-call]
        core.list_namespaced_pod,
        NAMESPACE,
        resource_version=listing.metadata.resource_version,
        _request_timeout=10,
    ):
        events.append((event["type"], event["object"].metadata.name))
        if len(events) == 2:
            watch.stop()  # type: ignore[no-untyped-call]
    assert events == [("ADDED", "after"), ("MODIFIED", "before")]


def test_official_client_handles_flyteworkflow_custom_resources(
    kubernetes_api: FakeKubernetesApi, kubernetes_api_client: kubernetes.client.ApiClient
) -> None:
    custom = kubernetes.client.CustomObjectsApi(kubernetes_api_client)
    crd = (FLYTEWORKFLOW_GROUP, FLYTEWORKFLOW_VERSION, NAMESPACE, FLYTEWORKFLOW_PLURAL)

    created: Any = custom.create_namespaced_custom_object(
        *crd, flyteworkflow("wf-a", spec={"nodes": {}}), _request_timeout=10
    )
    assert created["metadata"]["name"] == "wf-a"
    custom.create_namespaced_custom_object(*crd, flyteworkflow("wf-b"), _request_timeout=10)

    fetched: Any = custom.get_namespaced_custom_object(*crd, "wf-a", _request_timeout=10)
    assert fetched["kind"] == FLYTEWORKFLOW_KIND and fetched["spec"] == {"nodes": {}}
    listed: Any = custom.list_namespaced_custom_object(*crd, _request_timeout=10)
    assert sorted(item["metadata"]["name"] for item in listed["items"]) == ["wf-a", "wf-b"]

    custom.patch_namespaced_custom_object(*crd, "wf-a", {"status": {"phase": 2}}, _request_timeout=10)
    custom.delete_namespaced_custom_object(*crd, "wf-b", _request_timeout=10)
    assert (kubernetes_api.find_object(FLYTEWORKFLOWS, NAMESPACE, "wf-a") or {}).get("status") == {"phase": 2}
    assert kubernetes_api.find_object(FLYTEWORKFLOWS, NAMESPACE, "wf-b") is None

    # API discovery serves the CRD, as kopf and kubectl-like clients look it up.
    resources = custom.get_api_resources(FLYTEWORKFLOW_GROUP, FLYTEWORKFLOW_VERSION, _request_timeout=10)
    assert [(r.name, r.kind, r.namespaced) for r in resources.resources] == [
        (FLYTEWORKFLOW_PLURAL, FLYTEWORKFLOW_KIND, True)
    ]
    discovery = kubernetes.client.ApisApi(kubernetes_api_client).get_api_versions(_request_timeout=10)
    assert [group.name for group in discovery.groups] == [FLYTEWORKFLOW_GROUP]


@pytest.mark.parametrize("clusterwide", [True, False], ids=["clusterwide", "namespaced"])
def test_kopf_operator_reacts_to_a_created_flyteworkflow(
    kubernetes_api: FakeKubernetesApi, kubernetes_api_client: kubernetes.client.ApiClient, clusterwide: bool
) -> None:
    registry = kopf.OperatorRegistry()
    settings = kopf.OperatorSettings()
    settings.posting.enabled = False  # no k8s Events: not what this test is about
    seen: list[tuple[str, str]] = []  # appended from kopf's thread

    @kopf.on.login(registry=registry)
    def login(**_: Any) -> kopf.ConnectionInfo:
        return kopf_connection_info(kubernetes_api.url)

    @kopf.on.create(FLYTEWORKFLOW_GROUP, FLYTEWORKFLOW_VERSION, FLYTEWORKFLOW_PLURAL, registry=registry)
    def created(name: str, namespace: str | None, patch: kopf.Patch, **_: Any) -> None:
        seen.append((namespace or "", name))
        patch.status["phase"] = "Seen"

    def stored_phase() -> object:
        stored = kubernetes_api.find_object(FLYTEWORKFLOWS, NAMESPACE, "wf-kopf") or {}
        return stored.get("status", {}).get("phase")

    custom = kubernetes.client.CustomObjectsApi(kubernetes_api_client)
    with running_operator(
        registry, settings, clusterwide=clusterwide, namespaces=() if clusterwide else [NAMESPACE]
    ):
        custom.create_namespaced_custom_object(
            FLYTEWORKFLOW_GROUP,
            FLYTEWORKFLOW_VERSION,
            NAMESPACE,
            FLYTEWORKFLOW_PLURAL,
            flyteworkflow("wf-kopf"),
            _request_timeout=10,
        )
        wait_for(lambda: seen, timeout=20, message="kopf's on.create handler to run")
        wait_for(
            lambda: stored_phase() == "Seen",
            timeout=20,
            message=lambda: f"the handler's status patch; the stored phase is {stored_phase()!r}",
        )

    # Once: kopf's own patch must not come back to it as a fresh object (resourceVersion semantics).
    assert seen == [(NAMESPACE, "wf-kopf")]
    patches = [
        request.data
        for request in kubernetes_api.list_requests()
        if request.method == "PATCH" and request.name == "wf-kopf"
    ]
    assert any(patch.get("status", {}).get("phase") == "Seen" for patch in patches)
