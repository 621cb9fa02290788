/// A model whose identity as a `BundleObject` (its kind and key) is known without encoding it:
/// `BundleObject(model).kind == Model.bundleKind` and `BundleObject(model).key == model.bundleKey`.
/// The Kubernetes store reports which objects a watch event touched in these terms, and the
/// journal recorder uses them to reuse the encoding of objects no event touched.
public protocol BundleIdentifiable {
    /// The kind of `BundleObject` the model is encoded as.
    static var bundleKind: BundleObjectKind { get }
    /// The key of the `BundleObject` the model is encoded as.
    var bundleKey: String { get }
}

extension Namespace: BundleIdentifiable {
    /// `.namespace`.
    public static var bundleKind: BundleObjectKind { .namespace }
    /// The name.
    public var bundleKey: String { name }
}

extension Node: BundleIdentifiable {
    /// `.node`.
    public static var bundleKind: BundleObjectKind { .node }
    /// The name.
    public var bundleKey: String { name }
}

extension Pod: BundleIdentifiable {
    /// `.pod`.
    public static var bundleKind: BundleObjectKind { .pod }
    /// `namespace/name`.
    public var bundleKey: String { qualifiedName }
}

extension IPPool: BundleIdentifiable {
    /// `.ipPool`.
    public static var bundleKind: BundleObjectKind { .ipPool }
    /// The name.
    public var bundleKey: String { name }
}

extension IPReservation: BundleIdentifiable {
    /// `.ipReservation`.
    public static var bundleKind: BundleObjectKind { .ipReservation }
    /// The name.
    public var bundleKey: String { name }
}

extension EgressGatewayPolicy: BundleIdentifiable {
    /// `.policy`.
    public static var bundleKind: BundleObjectKind { .policy }
    /// The name.
    public var bundleKey: String { name }
}

extension IPAMBlock: BundleIdentifiable {
    /// `.ipamBlock`.
    public static var bundleKind: BundleObjectKind { .ipamBlock }
    /// The block's CIDR.
    public var bundleKey: String { cidr.description }
}

extension BlockAffinity: BundleIdentifiable {
    /// `.blockAffinity`.
    public static var bundleKind: BundleObjectKind { .blockAffinity }
    /// `node cidr`.
    public var bundleKey: String { "\(node) \(cidr)" }
}

extension FelixConfiguration: BundleIdentifiable {
    /// `.felixConfiguration`.
    public static var bundleKind: BundleObjectKind { .felixConfiguration }
    /// The name.
    public var bundleKey: String { name }
}

extension EgressGateway: BundleIdentifiable {
    /// `.egressGateway`.
    public static var bundleKind: BundleObjectKind { .egressGateway }
    /// `namespace/name`.
    public var bundleKey: String { metadata.qualifiedName }
}
