//! Crosswalks between flavours (being written).
