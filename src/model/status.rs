//! The status vocabularies: component health, incident impact and the update statuses.
//!
//! Names and wire values follow Statuspage's API v2 so the JSON API can reuse them.

use serde::Serialize;

/// Defines an enum with its wire names (`as_str`/`parse`) and human labels.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal / $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every value, in order of increasing severity.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// Every wire name, in the order of `ALL`.
            pub const NAMES: &'static [&'static str] = &[$($wire),+];

            /// The wire name, e.g. `partial_outage`.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// The name shown to readers, e.g. "Partial outage".
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// Parses a wire name.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// A component's health, ordered from best to worst.
    ComponentStatus {
        /// Working normally.
        Operational = "operational" / "Operational",
        /// Planned work is going on.
        UnderMaintenance = "under_maintenance" / "Under maintenance",
        /// Slower or less reliable than usual.
        DegradedPerformance = "degraded_performance" / "Degraded performance",
        /// Down for some users or some functions.
        PartialOutage = "partial_outage" / "Partial outage",
        /// Down.
        MajorOutage = "major_outage" / "Major outage",
    }
}

vocabulary! {
    /// How badly an incident affects users.
    Impact {
        /// Informational.
        None = "none" / "None",
        /// Minor impact.
        Minor = "minor" / "Minor",
        /// Major impact.
        Major = "major" / "Major",
        /// Critical impact.
        Critical = "critical" / "Critical",
    }
}

vocabulary! {
    /// The stage of an incident, as told by its updates.
    IncidentStatus {
        /// The cause is not known yet.
        Investigating = "investigating" / "Investigating",
        /// The cause is known and a fix is under way.
        Identified = "identified" / "Identified",
        /// A fix is in place and being watched.
        Monitoring = "monitoring" / "Monitoring",
        /// Over.
        Resolved = "resolved" / "Resolved",
        /// Over, with a root-cause report.
        Postmortem = "postmortem" / "Postmortem",
    }
}

vocabulary! {
    /// The stage of a maintenance window.
    MaintenanceStatus {
        /// Announced, not started.
        Scheduled = "scheduled" / "Scheduled",
        /// Work is going on.
        InProgress = "in_progress" / "In progress",
        /// Work is done and being checked.
        Verifying = "verifying" / "Verifying",
        /// Over.
        Completed = "completed" / "Completed",
    }
}

vocabulary! {
    /// The page-wide status indicator of Statuspage's API.
    Indicator {
        /// Everything works.
        None = "none" / "All Systems Operational",
        /// Maintenance is going on.
        Maintenance = "maintenance" / "Service Under Maintenance",
        /// Something is degraded.
        Minor = "minor" / "Partially Degraded Service",
        /// Something is partly down.
        Major = "major" / "Partial System Outage",
        /// Something is down.
        Critical = "critical" / "Major System Outage",
    }
}

impl Impact {
    /// The status a component gets from an incident of this impact that lists it without a status.
    pub fn component_status(self) -> ComponentStatus {
        match self {
            Impact::None => ComponentStatus::Operational,
            Impact::Minor => ComponentStatus::DegradedPerformance,
            Impact::Major => ComponentStatus::PartialOutage,
            Impact::Critical => ComponentStatus::MajorOutage,
        }
    }

    /// The impact implied by the worst status an incident gives a component.
    pub fn from_component_status(status: ComponentStatus) -> Impact {
        match status {
            ComponentStatus::Operational | ComponentStatus::UnderMaintenance => Impact::None,
            ComponentStatus::DegradedPerformance => Impact::Minor,
            ComponentStatus::PartialOutage => Impact::Major,
            ComponentStatus::MajorOutage => Impact::Critical,
        }
    }
}

impl IncidentStatus {
    /// True for resolved and postmortem.
    pub fn is_resolved(self) -> bool {
        matches!(self, IncidentStatus::Resolved | IncidentStatus::Postmortem)
    }

    /// Statuspage's default text for an update with this status: the body `new`, `update` and
    /// `resolve` write when no message is given, and the text of an update the API and feeds
    /// imply (an incident closed by `resolved` alone).
    ///
    /// Statuspage publishes no default for investigating; its wording here is the one the API
    /// has always used.
    pub fn default_text(self) -> &'static str {
        match self {
            IncidentStatus::Investigating => "We are investigating this issue.",
            IncidentStatus::Identified => {
                "The issue has been identified and a fix is being implemented."
            }
            IncidentStatus::Monitoring => {
                "A fix has been implemented and we are monitoring the results."
            }
            IncidentStatus::Resolved => "This incident has been resolved.",
            IncidentStatus::Postmortem => "We have published a postmortem of this incident.",
        }
    }
}

impl MaintenanceStatus {
    /// True while the window is in progress or being verified.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            MaintenanceStatus::InProgress | MaintenanceStatus::Verifying
        )
    }

    /// Statuspage's default text for an update with this status, as its pages show it: the body
    /// the authoring commands write when no message is given, and the text of implied updates.
    pub fn default_text(self) -> &'static str {
        match self {
            MaintenanceStatus::Scheduled => {
                "We will be undergoing scheduled maintenance during this time."
            }
            MaintenanceStatus::InProgress => {
                "Scheduled maintenance is currently in progress. We will provide updates as necessary."
            }
            MaintenanceStatus::Verifying => {
                "Verification is currently underway for the maintenance items."
            }
            MaintenanceStatus::Completed => "The scheduled maintenance has been completed.",
        }
    }
}

impl Indicator {
    /// The page indicator that the worst component status implies.
    pub fn from_worst(status: ComponentStatus) -> Indicator {
        match status {
            ComponentStatus::Operational => Indicator::None,
            ComponentStatus::UnderMaintenance => Indicator::Maintenance,
            ComponentStatus::DegradedPerformance => Indicator::Minor,
            ComponentStatus::PartialOutage => Indicator::Major,
            ComponentStatus::MajorOutage => Indicator::Critical,
        }
    }

    /// The banner headline readers see.
    pub fn headline(self) -> &'static str {
        match self {
            Indicator::None => "All systems operational",
            Indicator::Maintenance => "Maintenance in progress",
            Indicator::Minor => "Degraded performance",
            Indicator::Major => "Partial outage",
            Indicator::Critical => "Major outage",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_order_puts_maintenance_below_degraded() {
        assert!(ComponentStatus::UnderMaintenance > ComponentStatus::Operational);
        assert!(ComponentStatus::DegradedPerformance > ComponentStatus::UnderMaintenance);
        assert!(ComponentStatus::MajorOutage > ComponentStatus::PartialOutage);
    }

    #[test]
    fn wire_names_round_trip() {
        for s in ComponentStatus::ALL {
            assert_eq!(ComponentStatus::parse(s.as_str()), Some(*s));
        }
        assert_eq!(
            MaintenanceStatus::parse("in_progress"),
            Some(MaintenanceStatus::InProgress)
        );
        assert_eq!(Impact::parse("severe"), None);
    }

    #[test]
    fn impact_maps_to_component_status() {
        assert_eq!(
            Impact::Minor.component_status(),
            ComponentStatus::DegradedPerformance
        );
        assert_eq!(
            Impact::Major.component_status(),
            ComponentStatus::PartialOutage
        );
        assert_eq!(
            Impact::Critical.component_status(),
            ComponentStatus::MajorOutage
        );
        assert_eq!(
            Indicator::from_worst(ComponentStatus::PartialOutage).as_str(),
            "major"
        );
    }
}
