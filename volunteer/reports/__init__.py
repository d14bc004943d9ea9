"""Feedback to employers (双报到 反馈): service records, evaluations, reports as PDF and XLSX."""
