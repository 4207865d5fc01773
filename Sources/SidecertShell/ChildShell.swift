import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A `/bin/sh -c` child, started with `posix_spawn` (Linux, glibc) as Foundation's `Process` did, without
/// Foundation: its own process group, so that one kill reaches whatever the shell started; standard input
/// from `/dev/null`; standard output and error into one pipe; no other descriptor of the sidecar (its
/// listening sockets, the lease file); signal mask and dispositions reset, so that a signal the sidecar
/// ignores or blocks (`SIGPIPE`) is not ignored or blocked in the command.
final class ChildShell: Sendable {
    /// The shell's process id, also its process group's id.
    let pid: pid_t
    /// Set once the shell has exited (before it is reaped): from then on its pid and group id may be
    /// reused, so ``kill()`` sends nothing.
    private let exited = Mutex(false)

    /// How the shell ended: its exit status, or the signal that ended it.
    struct Termination: Sendable {
        var status: Int32
        var signalled: Bool
    }

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// Starts `/bin/sh -c command` with exactly `environment`; returns the child and the read end of its
    /// output pipe, which the caller must read to its end and close (``CapturedOutput/read(from:limit:)``).
    static func start(command: String, environment: [String: String]) throws(ShellCommandError) -> (ChildShell, output: Int32) {
        try spawning.withLock { _ throws(ShellCommandError) in try spawn(command: command, environment: environment) }
    }

    /// Held from a pipe's creation until its child is spawned, so that two commands started at once (a
    /// reload and a notification) never inherit each other's pipe, whose reader would then wait for the
    /// wrong process to end — where `pipe2` is missing and the pipe is made close-on-exec only after.
    private static let spawning = Mutex(())

    /// A pipe whose ends are close-on-exec from the start (`pipe2(O_CLOEXEC)`): no process another part of
    /// the program starts meanwhile, by any means, inherits them and holds the command's output open.
    private static func closeOnExecPipe() -> (readEnd: Int32, writeEnd: Int32)? {
        var pipeEnds: [Int32] = [-1, -1]
        if let pipe2 = Self.pipe2 {
            guard pipe2(&pipeEnds, O_CLOEXEC) == 0 else { return nil }
        } else {
            guard pipe(&pipeEnds) == 0 else { return nil }
            _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
        }
        return (pipeEnds[0], pipeEnds[1])
    }

    /// glibc's `pipe2`, looked up at run time: the Glibc module does not declare it.
    private static let pipe2: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32).self)
    }()

    private static func spawn(command: String, environment: [String: String]) throws(ShellCommandError) -> (ChildShell, output: Int32) {
        guard let (readEnd, writeEnd) = closeOnExecPipe() else { throw cannotStart(command, SystemCallError(call: "pipe", errorNumber: errno)) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 2)
        // Every other descriptor, close-on-exec or not, closed in the child (glibc 2.34+): a list made here misses
        // one that another thread opens before the spawn (seen: two leaked into a test's command). Without it,
        // the descriptors open now (glibc ignores a close of one closed meanwhile).
        if let closeFrom = Self.closeFrom {
            _ = closeFrom(&actions, 3)
        } else {
            for descriptor in openDescriptors() where descriptor > 2 {
                posix_spawn_file_actions_addclose(&actions, descriptor)
            }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let words: [String] = ["/bin/sh", "-c", command]
        let arguments = words.map { strdup($0) } + [nil]
        let variables = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            arguments.forEach { free($0) }
            variables.forEach { free($0) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, arguments, variables)
        close(writeEnd)
        guard result == 0 else {
            close(readEnd)
            throw cannotStart(command, SystemCallError(call: "posix_spawn", errorNumber: result))
        }
        return (ChildShell(pid: pid), readEnd)
    }

    /// SIGKILL to the shell's process group and to the shell, unless it has exited already.
    func kill() {
        exited.withLock { exited in
            guard !exited else { return }
            _ = Glibc.kill(-pid, SIGKILL)
            _ = Glibc.kill(pid, SIGKILL)
        }
    }

    /// Blocks until the shell exits, then reaps it: call it once, on a ``DetachedThread``. A status of -1
    /// means the exit could not be observed (something else reaped the child).
    func waitForExit() -> Termination {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1, errno == EINTR {}
        // Still a zombie here, so its pid cannot have been reused before ``kill()`` sees this.
        exited.withLock { $0 = true }
        var status: Int32 = 0
        var reaped: pid_t
        repeat {
            reaped = waitpid(pid, &status, 0)
        } while reaped == -1 && errno == EINTR
        guard reaped == pid else { return Termination(status: -1, signalled: false) }
        // <sys/wait.h>'s macros, which Swift does not import: the low 7 bits are the signal, 0 for an exit.
        let signal = status & 0x7F
        return signal == 0 ? Termination(status: (status >> 8) & 0xFF, signalled: false) : Termination(status: signal, signalled: true)
    }

    static func cannotStart(_ command: String, _ error: SystemCallError) -> ShellCommandError {
        ShellCommandError(code: .cannotStart, message: "cannot start /bin/sh for `\(command)`: \(error)", underlying: error)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np`, looked up at run time: the Glibc module does not
    /// declare it, and C libraries before glibc 2.34 lack it.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// The descriptors open in this process, from `/proc/self/fd`; none when it cannot be read (no `/proc`
    /// mounted), in which case only close-on-exec descriptors stay out of the command.
    private static func openDescriptors() -> [Int32] {
        guard let directory = opendir("/proc/self/fd") else { return [] }
        defer { closedir(directory) }
        let listing = dirfd(directory)
        var descriptors: [Int32] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let descriptor = Int32(name), descriptor != listing { descriptors.append(descriptor) }
        }
        return descriptors
    }
}
