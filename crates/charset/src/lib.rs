//! Character sets (being written).
