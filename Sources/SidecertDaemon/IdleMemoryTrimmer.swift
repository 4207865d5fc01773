#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// Gives back the code pages that start-up touched and an idle daemon no longer uses.
///
/// Most of an idle `run`'s resident memory is not its data (a few MiB) but code and read-only data of
/// the executable (statically linked as shipped) that argument parsing, the first issuance and TLS set-up
/// faulted in: about 30 MiB, of which the sleeping loop touches a fifth. Those pages are clean copies of
/// files, so `MADV_PAGEOUT` (Linux 5.4+) drops them from this process at no risk: the kernel would reclaim
/// them under pressure anyway, and the ones needed again come back from the page cache on the next
/// wake-up as minor faults. Elsewhere, or on an older kernel, this does nothing.
enum IdleMemoryTrimmer {
    /// Trims once the start-up work has settled (the first issuance, the first reload, the first probes),
    /// then every `interval`: pages that work (an ARI fetch, a renewal, a reload) faulted back in are
    /// given back again. Each trim costs a millisecond or two; the pages an idle loop needs come back as
    /// minor faults. Runs until cancelled.
    static func run(firstAfter delay: Duration = .seconds(30), every interval: Duration = .seconds(600)) async {
        var wait = delay
        while (try? await Task.sleep(for: wait)) != nil {
            trim()
            wait = interval
        }
    }

    /// Returns the heap that work freed (a `/metrics` scrape of 10,000 certificates builds some 10 MiB of
    /// text and reads every certificate) to the kernel: glibc keeps freed memory for reuse otherwise, and
    /// the daemon's resident size would stay at its busiest moment's.
    static func returnFreedHeap() {
        _ = mallocTrim?(0)
    }

    /// glibc's `malloc_trim`, looked up at run time: the Glibc module does not declare it (`<malloc.h>`),
    /// and other C libraries lack it.
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
            return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
            return nil
        #endif
    }()

    /// Linux's `MADV_PAGEOUT` (glibc headers older than 2.33 lack the name).
    private static let pageOut: Int32 = 21

    /// Pages out the read-only file mappings (the executable's and its libraries' code and constants);
    /// returns how many bytes were advised.
    @discardableResult
    private static func trim() -> Int {
        returnFreedHeap()
        #if os(Linux)
            guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return 0 }
            var advised = 0
            for line in maps.split(separator: "\n") {
                // "start-end perms offset dev inode path": files only, and only mappings nobody writes.
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count >= 6, fields[5].hasPrefix("/"), !fields[1].contains("w") else { continue }
                let bounds = fields[0].split(separator: "-").compactMap { UInt(String($0), radix: 16) }
                guard bounds.count == 2, bounds[1] > bounds[0], let start = UnsafeMutableRawPointer(bitPattern: bounds[0]) else { continue }
                if madvise(start, Int(bounds[1] - bounds[0]), pageOut) == 0 {
                    advised += Int(bounds[1] - bounds[0])
                }
            }
            return advised
        #else
            return 0
        #endif
    }
}
