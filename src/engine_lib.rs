//! The root of the `kezhi-engine` crate (crates/kezhi-engine/Cargo.toml): only [`engine`], so that its
//! paths read `crate::engine::…` here and `kezhi::engine::…` everywhere else.

pub mod engine;
