"""Reads for the people who follow the handling and for the public: the supervision of key
suggestions, the S§47 accountability lists, the commitments of category-B replies, the
published replies and the units' on-time record, and the filters of their lists."""
