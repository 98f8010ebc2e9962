/** A school year as people write it: 2025 (the ending year, as Ed-Fi counts) -> "2024-25". */
export const schoolYearLabel = (year: number): string => `${year - 1}-${String(year).slice(2)}`;
