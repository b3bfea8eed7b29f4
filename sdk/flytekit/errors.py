"""Every error the SDK raises on purpose, in one tree.

Two axes: *origin* (the user's code or input, versus this SDK and its infrastructure) and
*retryability* (whether running the same task again may succeed). The task runtime turns them into
an ``ErrorDocument`` (``origin`` USER/SYSTEM, ``kind`` RECOVERABLE/NON_RECOVERABLE, ``code``).

::

    FlyteException                              base; ``error_code``, ``origin``, ``recoverable``
    ├── FlyteUserException                      user code or input is wrong (USER, not retried)
    │   ├── FlyteAssertion                      API misuse: bad arguments, promises used as values
    │   │   ├── FlyteValidationException        an entity definition that cannot be compiled
    │   │   │   └── FlyteMissingTypeException   a parameter or return without a type annotation
    │   │   ├── FlyteDisapprovalException       a local approval gate was refused
    │   │   ├── FlyteFailureNodeInputMismatchException  an on_failure handler that does not fit
    │   │   └── FlytePromiseAttributeResolveException   ``promise.x`` / ``promise[i]`` found nothing
    │   ├── FlyteTypeException                  a value does not fit its declared type (also TypeError)
    │   │   ├── FlyteEntityAlreadyExistsException  admin holds this identifier already (ALREADY_EXISTS)
    │   │   ├── FlyteTimeout                    a call or a wait ran out of time
    │   │   └── FlyteAuthenticationException    admin refused the credentials (UNAUTHENTICATED)
    │   ├── FlyteInvalidInputException          admin rejected a request as invalid (INVALID_ARGUMENT)
    │   ├── FlyteValueException                 an input value that cannot be used here (also ValueError)
    │   ├── FlyteEntityNotExistException        a named entity (task, module attribute) is missing
    │   ├── FlyteRecoverableException           raised by user code to ask for a retry (RECOVERABLE)
    │   ├── FlyteLocalContainerException        a raw-container task cannot run locally, or its command failed
    │   ├── FlyteUserRuntimeException           wraps whatever user code raised inside a task
    │   └── EagerException                      an execution launched by an eager task failed
    └── FlyteSystemException                    this SDK or its infrastructure failed (SYSTEM)
        ├── FlyteNonRecoverableSystemException  a system failure that a retry will not fix
        ├── FlyteDataAccessException            reading or writing a blob failed (RECOVERABLE)
        └── FlyteSystemUnavailableException     admin could not be reached (UNAVAILABLE)

The type engine adds ``TypeTransformerFailedError`` (a TypeError, AssertionError and ValueError,
like flytekit's) and ``RestrictedTypeError`` in ``flytekit.core.type_engine``.

``flytekit.exceptions.user`` and ``flytekit.exceptions.system`` re-export these under flytekit's
module paths.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

Origin = Literal["USER", "SYSTEM"]


class FlyteException(Exception):
    """Base of every error raised on purpose by this SDK."""

    error_code: ClassVar[str] = "UNKNOWN"
    origin: ClassVar[Origin] = "SYSTEM"
    recoverable: ClassVar[bool] = False


class FlyteUserException(FlyteException):
    """The user's code, definitions or input are wrong."""

    error_code = "USER:Unknown"
    origin = "USER"


class FlyteAssertion(FlyteUserException, AssertionError):
    error_code = "USER:AssertionError"


class FlyteValueException(FlyteUserException, ValueError):
    """``received_value`` cannot be used; ``error_message`` says why (flytekit's message shape)."""

    error_code = "USER:ValueError"

    def __init__(self, received_value: object, error_message: str) -> None:
        super().__init__(f"Value error!  Received: {received_value}. {error_message}")


class FlyteValidationException(FlyteAssertion):
    error_code = "USER:ValidationError"


class FlyteMissingTypeException(FlyteValidationException):
    error_code = "USER:MissingType"


class FlyteDisapprovalException(FlyteAssertion):
    """The user answered no at an approval gate (``flytekit.approve``) in a local run."""

    error_code = "USER:ResultNotApproved"


class FlyteFailureNodeInputMismatchException(FlyteAssertion):
    """A workflow's failure handler does not take the workflow's inputs (or requires more)."""

    error_code = "USER:FailureNodeInputMismatch"

    def __init__(self, failure_node_node: Any, workflow: Any) -> None:
        super().__init__(failure_node_node, workflow)
        self.failure_node_node = failure_node_node
        self.workflow = workflow

    def __str__(self) -> str:
        return (
            "Mismatched Inputs Detected\n"
            f"The failure node `{self.failure_node_node.name}` has inputs that do not align with those expected "
            f"by the workflow `{self.workflow.name}`.\n"
            f"Failure Node's Inputs: {self.failure_node_node.python_interface.inputs}\n"
            f"Workflow's Inputs: {self.workflow.python_interface.inputs}\n"
            "Action Required:\n"
            "Please ensure that all input arguments in the failure node are provided and match the expected "
            "arguments specified in the workflow."
        )


class FlytePromiseAttributeResolveException(FlyteAssertion):
    """An attribute path on a promise (``out.field``, ``out[0]``) does not exist in the value."""

    error_code = "USER:PromiseAttributeResolveError"


class FlyteTypeException(FlyteUserException, TypeError):
    error_code = "USER:TypeError"


class FlyteEntityNotExistException(FlyteUserException):
    error_code = "USER:EntityNotExist"


class FlyteRecoverableException(FlyteUserException):
    """Raise this from a task to tell the platform that a retry may succeed."""

    error_code = "USER:Recoverable"
    recoverable = True


class FlyteLocalContainerException(FlyteUserException):
    error_code = "USER:ContainerTaskError"


class FlyteUserRuntimeException(FlyteUserException):
    """Wraps an exception raised by user code; the original is ``value`` (and ``__cause__``)."""

    error_code = "USER:RuntimeError"

    def __init__(self, exc_value: BaseException) -> None:
        super().__init__(str(exc_value))
        self.value = exc_value


class EagerException(FlyteUserException):
    """An execution an ``@eager`` task launched in the cluster failed (or could not be launched)."""

    error_code = "USER:EagerExecutionFailed"


class FlyteSystemException(FlyteException):
    """This SDK or the infrastructure around it failed; worth retrying."""

    error_code = "SYSTEM:Unknown"
    origin = "SYSTEM"
    recoverable = True


class FlyteNonRecoverableSystemException(FlyteSystemException):
    error_code = "SYSTEM"
    recoverable = False


class FlyteDataAccessException(FlyteSystemException):
    """A blob could not be read or written (missing object, refused credentials, network)."""

    error_code = "SYSTEM:DataAccess"


# Raised by the admin client (``flytekit.clients.errors`` maps gRPC status codes onto them).


class FlyteEntityAlreadyExistsException(FlyteAssertion):
    """Admin already holds an entity with this identifier (gRPC ALREADY_EXISTS)."""

    error_code = "USER:EntityAlreadyExists"


class FlyteInvalidInputException(FlyteUserException):
    """Admin rejected the request as invalid (gRPC INVALID_ARGUMENT); the message says why."""

    error_code = "USER:BadInputToAPI"


class FlyteTimeout(FlyteAssertion):
    """A call or a wait did not finish in the time allowed."""

    error_code = "USER:Timeout"


class FlyteAuthenticationException(FlyteAssertion):
    """Admin refused the caller's credentials (gRPC UNAUTHENTICATED)."""

    error_code = "USER:AuthenticationError"


class FlyteSystemUnavailableException(FlyteSystemException):
    """Admin could not be reached (gRPC UNAVAILABLE)."""

    error_code = "SYSTEM:Unavailable"
