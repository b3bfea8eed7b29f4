"""The registration compiler: checks tasks, workflows and launch plans the way Flyte's compiler does
and produces the compiled forms admin stores (``CompiledTask``, ``CompiledWorkflowClosure``, a launch
plan's expected inputs/outputs). Pure functions over protobufs; no database, no blob store."""

from flyteadmin.compiler.issues import CompilationFailed, CompileIssue
from flyteadmin.compiler.launch_plans import expected_interface
from flyteadmin.compiler.references import missing_sub_workflows, referenced_entities
from flyteadmin.compiler.tasks import compile_task
from flyteadmin.compiler.types import are_types_castable, describe_type, is_optional, literal_type_of
from flyteadmin.compiler.workflows import LaunchPlanInterface, compile_workflow, identifier_key

__all__ = [
    "CompilationFailed",
    "CompileIssue",
    "LaunchPlanInterface",
    "are_types_castable",
    "compile_task",
    "compile_workflow",
    "describe_type",
    "expected_interface",
    "identifier_key",
    "is_optional",
    "literal_type_of",
    "missing_sub_workflows",
    "referenced_entities",
]
