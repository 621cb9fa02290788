/// The bundle writer's name for the one ordered JSON value (`JSONValue`), kept so code written
/// against it still reads; new code uses `JSONValue`.
typealias BundleJSON = JSONValue
