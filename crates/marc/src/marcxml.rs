//! MARCXML (being written).
