import ArgumentParser
import Foundation
import Inventory
import Live

/// Where live data comes from when neither `--from` nor `--demo` is given: the cluster named by
/// kubeconfig and the AWS account of the credential chain.
struct LiveOptions: ParsableArguments {
    @Option(help: ArgumentHelp("kubeconfig context (default: the current context).", valueName: "NAME"))
    var context: String?

    @Option(help: ArgumentHelp("kubeconfig file (default: $KUBECONFIG, else ~/.kube/config, else in-cluster).",
                               valueName: "FILE"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile, instance metadata).",
                               valueName: "REGION"))
    var region: String?

    @Option(help: ArgumentHelp("AWS profile from the shared config files (default: AWS_PROFILE, else default).",
                               valueName: "NAME"))
    var profile: String?

    @Option(name: .customLong("endpoint-url"),
            help: ArgumentHelp("EC2 endpoint (default: AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL, the regional one).",
                               valueName: "URL"))
    var endpointURL: String?

    @Option(name: .customLong("config"),
            help: ArgumentHelp("Directory with gatewatch.yaml and firewall/ (default: $XDG_CONFIG_HOME/gatewatch, "
                               + "~/.config/gatewatch).", valueName: "DIR"))
    var configDirectory: String?

    @Option(name: .customLong("poll-interval"),
            help: ArgumentHelp("Seconds between EC2 polls in the console.", valueName: "SECONDS"))
    var pollInterval: Int = 30

    func validate() throws {
        guard pollInterval >= 5 else { throw ValidationError("--poll-interval must be at least 5 seconds") }
    }

    /// The settings these options give, with the configuration directory resolved once.
    func settings(environment: [String: String] = ProcessInfo.processInfo.environment) -> LiveSettings {
        LiveSettings(context: context, kubeconfig: kubeconfig, region: region, profile: profile, endpointURL: endpointURL,
                     pollInterval: .seconds(pollInterval),
                     configDirectory: ConfigDirectory.resolve(explicit: configDirectory, environment: environment),
                     environment: environment)
    }
}
