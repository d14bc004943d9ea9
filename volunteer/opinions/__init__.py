"""干部考察进社区: an employer's party organisation asks the residential community's opinion of
one of its members who consented; the secretary answers from the record and the evaluations."""
