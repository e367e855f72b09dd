"""Export renderers (XLSX now; PDF base later) and the registry of export classes (house style 9)."""
