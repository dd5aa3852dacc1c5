/**
 * Ribbon command handlers (manifest.xml <FunctionFile resid="Taskpane.Url"/>: they run in the
 * shared runtime, i.e. in taskpane.html).
 *
 * TODO(later issue): the ribbon has only a ShowTaskpane button so far, which needs no code. A button
 * with <Action xsi:type="ExecuteFunction"><FunctionName>NAME</FunctionName></Action> needs a handler
 * here, registered as `Office.actions.associate("NAME", handler)`, and the handler must call
 * `event.completed()` when done.
 */
export {};
