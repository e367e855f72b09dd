"""Role × URL cases for the CPD and careers pages, one module per area (collected by test_access_matrix)."""
