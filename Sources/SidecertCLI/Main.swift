import ArgumentParser
import Sidecert

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the command and maps every failure onto the contract's exit codes: the parser's own usage
/// errors become 2 (not ArgumentParser's 64), ``SidecertError`` carries its code, anything else is 1.
@main
enum SidecertMain {
    static func main() async {
        do {
            // `ensure` with plain flags, the init container's command, skips ArgumentParser's reflection.
            if let settings = EnsureFlags.plainCommandLine(CommandLine.arguments.dropFirst()) {
                try await EnsureFlags.run(settings)
                return
            }
            var command = try SidecertCommand.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode where code != .validationFailure {
            // A command's own verdict (`status --check`): it has printed what it had to say.
            exit(code.rawValue)
        } catch let error as SidecertError {
            StandardError.write("sidecert: error: \(error)\n")
            exit(error.code.exitStatus)
        } catch {
            let code = SidecertCommand.exitCode(for: error)
            if code == .success {
                SidecertCommand.exit(withError: error)
            }
            StandardError.write(SidecertCommand.fullMessage(for: error) + "\n")
            exit(code == .validationFailure ? SidecertError.Code.badInput.exitStatus : SidecertError.Code.failure.exitStatus)
        }
    }
}
