extension LeaseRecord {
    /// The fencing token of the record that replaces `record` (nil: there was none, or it was unreadable): one
    /// more, so a newer holder is always told apart from an older one that woke up late.
    ///
    /// A record at the largest token (only a forged or damaged file holds one) is followed by 1: adding one
    /// there trapped, and every replica that met the file crashed. Fencing compares tokens for equality, so a
    /// lower successor still fences the record it replaced.
    package static func successorToken(after record: LeaseRecord?) -> UInt64 {
        let (next, overflowed) = (record?.token ?? 0).addingReportingOverflow(1)
        return overflowed ? 1 : next
    }
}
