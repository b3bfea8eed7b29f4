"""Names shared by the compiler, the local runner and the task runtime.

File names inside a task attempt's output prefix and the special node ids of a workflow graph; the
values are Flyte's, so that propeller and admin find what this SDK writes.
"""

INPUT_FILE_NAME = "inputs.pb"
OUTPUT_FILE_NAME = "outputs.pb"
ERROR_FILE_NAME = "error.pb"
FUTURES_FILE_NAME = "futures.pb"

#: Node id that bindings use to refer to workflow inputs ("start-node" in the compiled graph).
GLOBAL_INPUT_NODE_ID = ""
START_NODE_ID = "start-node"
END_NODE_ID = "end-node"

#: Output names generated for tuple returns: o0, o1, ...
OUTPUT_NAME_PREFIX = "o"

TASK_TYPE_PYTHON = "python-task"

#: Label keys on executions launched by an eager task: its own execution and the outermost one.
EAGER_TAG_KEY = "eager-exec"
EAGER_TAG_ROOT_KEY = "eager-root-exec"
#: Env var passing the outermost eager execution down to nested eager tasks.
EAGER_ROOT_ENV_NAME = "_F_EE_ROOT"
