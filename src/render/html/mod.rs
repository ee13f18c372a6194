//! HTML through Tera: the template engine with its built-ins and overrides, the translation
//! functions templates call (`texts`), the pages, the sitemap, the embeddable widget and the
//! images of the uptime bars.

pub mod bar_images;
mod cycles;
pub mod embed;
pub mod engine;
pub mod pages;
mod runaway;
pub mod sitemap;
pub mod texts;
